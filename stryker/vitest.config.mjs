import { defineConfig } from 'vitest/config';

/**
 * The vitest configuration Stryker runs (stryker/base.mjs): the project's, without the global setup that builds the CLI
 * bundle (no test under mutation spawns it, and a bundle would hold the unmutated code anyway).
 */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
