// `node --import ./record-builtins.mjs`: at exit, writes the Node built-in modules the process loaded (one a line) to
// $RECORD_BUILTINS_FILE; tests use it to see, for one, whether a run loaded undici (Node's fetch, Headers, Response).
import { writeFileSync } from 'node:fs';

const file = process.env.RECORD_BUILTINS_FILE;
if (file) process.on('exit', () => writeFileSync(file, process.moduleLoadList.join('\n')));
