import { defineConfig } from 'vitest/config';

/**
 * The vitest configuration Stryker runs (stryker/base.mjs): the project's, without the global setup that builds the CLI
 * bundle (no test under mutation spawns it, and a bundle would hold the unmutated code anyway), and without isolating
 * test files: a mutant run then reuses the loaded modules (the bash grammar, the permission code, whose mutants Stryker
 * switches at run time), about three times faster. The test files under mutation keep no state between files.
 */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    isolate: false,
  },
});
