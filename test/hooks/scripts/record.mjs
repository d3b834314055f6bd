// Appends the hook's stdin (one JSON object) as a line to $HOOK_LOG, then prints $HOOK_REPLY (if set) on stdout.
import { appendFileSync, readFileSync } from 'node:fs';
const input = readFileSync(0, 'utf8');
if (process.env.HOOK_LOG) appendFileSync(process.env.HOOK_LOG, JSON.stringify(JSON.parse(input)) + '\n');
if (process.env.HOOK_REPLY) process.stdout.write(process.env.HOOK_REPLY);
