/**
 * Entry of the separate hook bundle (dist/hook/hook.js): `docker-expert hook ...` runs on every Claude Code tool call,
 * so it loads only the permission gate and the bash parser (the analyzers only for post-tool-use), never the SDK, the
 * MCP client or the other commands that the main bundle's entry can reach.
 */
import { writeSync } from 'node:fs';
import v8 from 'node:v8';
import { command } from './commands/hook.js';

export async function main(argv: string[]): Promise<number> {
  // V8 recompiles the bash grammar's wasm with its optimizing tier in the background and waits for that work on exit:
  // measured, that kept a finished hook process alive for seconds. Baseline code is fast enough for one command.
  v8.setFlagsFromString('--liftoff-only');
  // Plain writes and a synchronous read of fd 0: Node's stdio streams (node:net for Claude Code's pipes) are never made.
  return command(argv, {
    stdout: { write: (text: string) => writeAll(1, text) },
    stderr: { write: (text: string) => writeAll(2, text) },
    get stdin() {
      return process.stdin;
    },
    stdinFd: 0,
    env: process.env,
    cwd: process.cwd(),
  });
}

/**
 * writeSync to the end; a descriptor that is non-blocking and full (EAGAIN) is tried again. A reader that went away
 * (EPIPE) ends the writing quietly, as bin/docker-expert.js does for the streams of the other commands.
 */
function writeAll(fd: number, text: string): boolean {
  let buf = Buffer.from(text);
  while (buf.length > 0) {
    try {
      buf = buf.subarray(writeSync(fd, buf));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') return false;
      if (code !== 'EAGAIN') throw err;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
    }
  }
  return true;
}
