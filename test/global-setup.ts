import { execFileSync } from 'node:child_process';

/** Tests that spawn the CLI run the real bundle: build it once before the suite. */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
}
