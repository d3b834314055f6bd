#!/usr/bin/env node
/**
 * `npm test` after the typecheck: vitest's two projects (vitest.config.ts) as two vitest processes at the same time.
 * - `engine`: the files that build and run images on the one podman engine, one at a time, in the background. Its
 *   output goes to a log file and is printed whole once the other project is done (two vitest reports interleaved line
 *   by line cannot be read).
 * - `parallel`: everything else, two files at a time, in the foreground.
 * The engine files take about half of the suite's time, mostly waiting on builds, so running them beside the rest
 * instead of after it takes minutes off every run (CI has 2 cores and 30 minutes for two Node lines).
 * The CLI bundle is built once here, before either starts (DOCKER_EXPERT_TEST_BUILT tells the global setup; set by the
 * caller, it skips this build too).
 * Arguments go to both processes (`npm test -- test/loop` runs the matching files of each; a project with no match
 * passes). Exit status: the first failure's, else 0.
 * DOCKER_EXPERT_TEST_SERIAL=1 runs the projects one after the other instead, both in the foreground.
 */
import { spawn, execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const vitest = path.join(root, 'node_modules/vitest/vitest.mjs');
const args = process.argv.slice(2);
const env = { ...process.env, DOCKER_EXPERT_TEST_BUILT: '1' };

if (process.env.DOCKER_EXPERT_TEST_BUILT !== '1') execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });

const children = new Set();
/** Runs one project; resolves with its exit status. `log`: a file for its output instead of this terminal. */
function project(name, log) {
  const out = log ? createWriteStream(log) : undefined;
  const child = spawn(process.execPath, [vitest, 'run', '--project', name, '--passWithNoTests', ...args], {
    cwd: root,
    env: log ? { ...env, FORCE_COLOR: process.stdout.isTTY ? '1' : env.FORCE_COLOR } : env,
    stdio: log ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    detached: true,
  });
  children.add(child);
  if (out) {
    child.stdout.pipe(out, { end: false });
    child.stderr.pipe(out, { end: false });
  }
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      children.delete(child);
      const done = () => resolve(code ?? (signal ? 128 : 1));
      if (out) out.end(done);
      else done();
    });
  });
}

function stopAll() {
  for (const c of children) {
    try {
      process.kill(-c.pid, 'SIGTERM');
    } catch {
      /* gone */
    }
  }
}
process.on('SIGINT', () => { stopAll(); process.exit(130); });
process.on('SIGTERM', () => { stopAll(); process.exit(143); });

let statuses;
if (process.env.DOCKER_EXPERT_TEST_SERIAL === '1') {
  statuses = [await project('parallel'), await project('engine')];
} else {
  const log = path.join(mkdtempSync(path.join(tmpdir(), 'dx-test-')), 'engine.log');
  console.log(`[test] the engine project runs beside this one; its report follows this one's (live: ${log})`);
  const engine = project('engine', log);
  const parallel = await project('parallel');
  if (children.size) console.log('\n[test] waiting for the engine project ...');
  const engineStatus = await engine;
  console.log(`\n[test] ===== the engine project's report =====`);
  process.stdout.write(readFileSync(log));
  statuses = [parallel, engineStatus];
}
const failed = statuses.find((s) => s !== 0) ?? 0;
console.log(`\n[test] parallel project exited ${statuses[0]}, engine project exited ${statuses[1]}`);
process.exit(failed);
