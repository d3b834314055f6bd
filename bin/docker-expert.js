#!/usr/bin/env node
// Entry point of the `docker-expert` command: runs the bundle that `npm ci` (prepare) built.
import { existsSync } from 'node:fs';
import module from 'node:module';
import { fileURLToPath } from 'node:url';
import { v8FlagsFor } from './v8-flags.js';

// Node 22.1+ keeps the compiled code of the bundle and its dependencies on disk (NODE_COMPILE_CACHE, else
// <tmpdir>/node-compile-cache, one folder per Node version), so later starts skip most of the parsing and compiling.
// Node 20 has no such API and starts as before; NODE_DISABLE_COMPILE_CACHE=1 turns it off. Never fatal: a cache
// folder that cannot be made leaves the run uncached.
module.enableCompileCache?.();

// V8's schedule for this command (bin/v8-flags.js), set before anything else runs.
const v8Flags = v8FlagsFor(process.argv[2], process.versions.v8, process.execArgv);
if (v8Flags.length > 0) process.getBuiltinModule?.('node:v8').setFlagsFromString(v8Flags.join(' '));

// Node 22 (NO_COLOR and FORCE_COLOR both set, even empty) and Node 24 (NO_COLOR not empty, FORCE_COLOR set) warn
// on stderr "The 'NO_COLOR' env is ignored due to the 'FORCE_COLOR' env being set" as soon as anything imports
// node:util. That is Node's rule for its own colours; docker-expert's is the opposite (NO_COLOR wins, empty means
// unset: cli/colour.ts), so the warning would be wrong here, and it would break `check`'s clean stderr: drop that
// one warning, nothing else.
const DEACTIVATED_COLOURS = /^The '(NO_COLOR|NODE_DISABLE_COLORS)' env is ignored due to the 'FORCE_COLOR' env being set\.$/;
const emitWarning = process.emitWarning;
process.emitWarning = function (warning, ...rest) {
  if (typeof warning === 'string' && DEACTIVATED_COLOURS.test(warning)) return;
  return emitWarning.call(this, warning, ...rest);
};

// `hook` runs on every Claude Code tool call: its own small bundle (scripts/build.mjs), not the whole CLI's.
const isHook = process.argv[2] === 'hook';
const bundle = new URL(isHook ? '../dist/hook/hook.js' : '../dist/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(bundle))) {
  const { execFileSync } = await import('node:child_process');
  execFileSync(process.execPath, [fileURLToPath(new URL('../scripts/build.mjs', import.meta.url))], { stdio: 'inherit' });
}
// A reader that goes away early (`docker-expert agents | head -1`) is not an error: stop quietly. The hook makes no
// stdio streams (cli/hook-main.ts writes to its descriptors): touching them here would load node:net for its pipes.
for (const stream of isHook ? [] : [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code !== 'EPIPE') throw err;
    process.exit(process.exitCode ?? 0);
  });
}
const { main } = await import(bundle.href);
process.exitCode = await main(process.argv.slice(isHook ? 3 : 2));
// Everything a command owns is finished or closed when main returns (journals synced, MCP servers stopped); what may
// still be pending is a background MCP start that was cancelled mid-import. Stop now rather than wait for it.
// stdout/stderr writes are synchronous for files, pipes and terminals on POSIX, so no output is lost.
process.exit();
