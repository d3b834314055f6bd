import { execFileSync } from 'node:child_process';

/** Tests that spawn the CLI run the real bundle: build it once before the suite. */
export default function setup(): void {
  // scripts/test.mjs (npm test) builds once before starting its two vitest processes.
  if (process.env.DOCKER_EXPERT_TEST_BUILT === '1') return;
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
}
