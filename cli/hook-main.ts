/**
 * Entry of the separate hook bundle (dist/hook/hook.js): `docker-expert hook ...` runs on every Claude Code tool call,
 * so it loads only the permission gate and the bash parser (the analyzers only for post-tool-use), never the SDK, the
 * MCP client or the other commands that the main bundle's entry can reach.
 */
import v8 from 'node:v8';
import { command } from './commands/hook.js';

export async function main(argv: string[]): Promise<number> {
  // V8 recompiles the bash grammar's wasm with its optimizing tier in the background and waits for that work on exit:
  // measured, that kept a finished hook process alive for seconds. Baseline code is fast enough for one command.
  v8.setFlagsFromString('--liftoff-only');
  return command(argv, { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, cwd: process.cwd() });
}
