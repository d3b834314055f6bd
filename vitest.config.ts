import { readdirSync, readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

/**
 * Two projects (CI has 2 cores and 30 minutes for two Node lines):
 * - `parallel`: every file that does not use the container engine, two files at a time. Most of their time is spent
 *   waiting on child processes, servers and timers, so two at once nearly halves it.
 * - `engine`: the files that build and run images on the one podman engine (they import test/support/engine), one at
 *   a time: the offline expert removes its images after a run, and a removal beside another build fails that build
 *   ("layer not known"), so two of them at once would race.
 * `npm test` (scripts/test.mjs) runs the two as two vitest processes at the same time; a plain `vitest run` runs the
 * engine project after the other (groupOrder). The engine files are found by that import, so a new engine test cannot
 * land in the parallel project by mistake. DOCKER_EXPERT_TEST_WORKERS sets the parallel project's width (default 2).
 */
const engineFiles = readdirSync('test', { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.test.ts'))
  .map((f) => `test/${f.split('\\').join('/')}`)
  .filter((f) => /from '(\.\.\/)+support\/engine\.js'/.test(readFileSync(f, 'utf8')))
  .sort();
const workers = Number(process.env.DOCKER_EXPERT_TEST_WORKERS ?? 2);
if (!Number.isInteger(workers) || workers < 1) throw new Error(`DOCKER_EXPERT_TEST_WORKERS must be a whole number >= 1, not ${process.env.DOCKER_EXPERT_TEST_WORKERS}`);

export default defineConfig({
  test: {
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'parallel', include: ['test/**/*.test.ts'], exclude: engineFiles, maxWorkers: workers, sequence: { groupOrder: 0 } } },
      { extends: true, test: { name: 'engine', include: engineFiles, maxWorkers: 1, sequence: { groupOrder: 1 } } },
    ],
  },
});
