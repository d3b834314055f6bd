import { MODULES } from './modules.mjs';

/**
 * The Stryker options every module shares; `stryker/<module>.conf.mjs` calls this with its name.
 * Incremental by default (results kept in reports/mutation/, which git ignores): a rerun only tests mutants whose code
 * or covering tests changed. `--force` (or `npm run mutation -- --force`) reruns everything.
 */
export function moduleConfig(name) {
  const m = MODULES[name];
  if (!m) throw new Error(`no mutation module '${name}' (known: ${Object.keys(MODULES).join(', ')})`);
  return {
    $schema: '../node_modules/@stryker-mutator/core/schema/stryker-schema.json',
    packageManager: 'npm',
    testRunner: 'vitest',
    vitest: { configFile: 'stryker/vitest.config.mjs', related: false },
    mutate: m.mutate,
    testFiles: m.testFiles,
    coverageAnalysis: 'perTest',
    // Mutants that only run while a module loads (the tables of names) would need a full reload per mutant.
    ignoreStatic: true,
    // 2 cores shared with other work: one or two test runners, generous timeouts.
    concurrency: Number(process.env.STRYKER_CONCURRENCY ?? 2),
    timeoutMS: 15_000,
    timeoutFactor: 2.5,
    dryRunTimeoutMinutes: 10,
    incremental: true,
    incrementalFile: `reports/mutation/${name}.incremental.json`,
    ignorePatterns: ['dist', 'bench', 'coverage', 'docs', '/tmp', '.docker-expert'],
    tempDirName: '.stryker-tmp',
    cleanTempDir: 'always',
    reporters: ['clear-text', 'progress-append-only', 'json', 'html'],
    clearTextReporter: { allowColor: false, logTests: false, reportTests: false, reportMutants: true, reportScoreTable: true },
    jsonReporter: { fileName: `reports/mutation/${name}.json` },
    htmlReporter: { fileName: `reports/mutation/${name}.html` },
    thresholds: { high: 90, low: 80, break: null },
  };
}
