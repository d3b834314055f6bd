import { readFileSync } from 'node:fs';
import { MODULES } from './modules.mjs';

/**
 * The runs of a module: one per part (`bash-firewall.entry`, ...), or the module itself when it has no parts. Each with
 * its mutate entries (`file:from-to` for a part) and the name its reports and incremental file go by.
 */
export function moduleRuns(name) {
  const m = MODULES[name];
  if (!m) throw new Error(`no mutation module '${name}' (known: ${Object.keys(MODULES).join(', ')})`);
  if (!m.parts) return [{ module: name, id: name, mutate: m.mutate }];
  const [file] = m.mutate;
  const lines = readFileSync(new URL(`../${file}`, import.meta.url), 'utf8').split('\n');
  const starts = m.parts.map((p, i) => {
    if (i === 0) return 1;
    const at = p.inside || /^\S/.test(p.from) ? lines.findIndex((l) => l.startsWith(p.from)) : -1;
    if (at < 0) throw new Error(`stryker/modules.mjs: part '${p.name}' of ${name}: no line of ${file} starts with ${JSON.stringify(p.from)} (a part starts at a top-level declaration, or is marked inside)`);
    return at + 1;
  });
  return m.parts.map((p, i) => {
    const to = i + 1 < starts.length ? starts[i + 1] - 1 : lines.length;
    if (to < starts[i]) throw new Error(`stryker/modules.mjs: part '${p.name}' of ${name} starts after the next part (line ${starts[i]} > ${to + 1})`);
    return { module: name, part: p.name, id: `${name}.${p.name}`, mutate: [`${file}:${starts[i]}-${to}`] };
  });
}

/**
 * The Stryker options every module shares; `stryker/<module>.conf.mjs` calls this with its name. The part to run comes
 * from STRYKER_PART (set by stryker/run.mjs); without it a module with parts is run whole, as one run.
 * Incremental by default (results kept in reports/mutation/, which git ignores): a rerun only tests mutants whose code
 * or covering tests changed. `--force` (or `npm run mutation -- --force`) reruns everything.
 */
export function moduleConfig(name) {
  const m = MODULES[name];
  if (!m) throw new Error(`no mutation module '${name}' (known: ${Object.keys(MODULES).join(', ')})`);
  const part = process.env.STRYKER_PART;
  const run = part ? moduleRuns(name).find((r) => r.part === part) : { id: name, mutate: m.mutate };
  if (!run) throw new Error(`no part '${part}' in mutation module '${name}' (parts: ${(m.parts ?? []).map((p) => p.name).join(', ') || 'none'})`);
  const id = run.id;
  return {
    $schema: '../node_modules/@stryker-mutator/core/schema/stryker-schema.json',
    packageManager: 'npm',
    testRunner: 'vitest',
    vitest: { configFile: 'stryker/vitest.config.mjs', related: false },
    mutate: run.mutate,
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
    incrementalFile: `reports/mutation/${id}.incremental.json`,
    ignorePatterns: ['dist', 'bench', 'coverage', 'docs', '/tmp', '.docker-expert'],
    tempDirName: '.stryker-tmp',
    cleanTempDir: 'always',
    reporters: ['clear-text', 'progress-append-only', 'json', 'html'],
    clearTextReporter: { allowColor: false, logTests: false, reportTests: false, reportMutants: true, reportScoreTable: true },
    jsonReporter: { fileName: `reports/mutation/${id}.json` },
    htmlReporter: { fileName: `reports/mutation/${id}.html` },
    thresholds: { high: 90, low: 80, break: null },
  };
}
