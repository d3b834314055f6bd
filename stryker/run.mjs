#!/usr/bin/env node
/**
 * `npm run mutation [-- <module>...] [--force] [--concurrency N]`: one Stryker run per module (stryker/<module>.conf.mjs),
 * one after the other, then a table with a score per module. Not part of .ci/run (minutes per module).
 * Output of each run: reports/mutation/<module>.{log,json,html}; the table also goes to reports/mutation/summary.md.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MODULES } from './modules.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'reports', 'mutation');
const args = process.argv.slice(2);
const force = args.includes('--force');
const ci = args.indexOf('--concurrency');
if (ci >= 0) process.env.STRYKER_CONCURRENCY = args[ci + 1];
const named = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--concurrency');
const unknown = named.filter((n) => !(n in MODULES));
if (unknown.length > 0) {
  console.error(`unknown module(s) ${unknown.join(', ')}; known: ${Object.keys(MODULES).join(', ')}`);
  process.exit(2);
}
const selected = named.length > 0 ? named : Object.keys(MODULES);
mkdirSync(outDir, { recursive: true });

function runStryker(name) {
  const log = createWriteStream(path.join(outDir, `${name}.log`));
  const argv = [path.join(root, 'node_modules/@stryker-mutator/core/bin/stryker.js'), 'run', `stryker/${name}.conf.mjs`, ...(force ? ['--force'] : [])];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, argv, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const s of [child.stdout, child.stderr]) {
      s.on('data', (d) => {
        log.write(d);
        process.stdout.write(d);
      });
    }
    child.on('close', (code) => log.end(() => resolve(code ?? 1)));
  });
}

/** Counts by status for the module's own file(s) in a mutation-testing-report JSON. */
export function figures(report, files) {
  const c = { mutants: 0, Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, Ignored: 0, CompileError: 0, RuntimeError: 0, Pending: 0 };
  for (const [file, data] of Object.entries(report.files)) {
    if (!files.some((f) => file === f || file.endsWith(`/${f}`))) continue;
    for (const m of data.mutants) {
      c.mutants++;
      c[m.status] = (c[m.status] ?? 0) + 1;
    }
  }
  const detected = c.Killed + c.Timeout;
  const valid = detected + c.Survived + c.NoCoverage;
  return { ...c, score: valid === 0 ? NaN : (100 * detected) / valid };
}

const ran = new Map();
let failed = false;
for (const name of selected) {
  const started = Date.now();
  console.log(`\n=== mutation: ${name} (${MODULES[name].mutate.join(', ')}) ===`);
  const code = await runStryker(name);
  const seconds = Math.round((Date.now() - started) / 1000);
  if (code !== 0) failed = true;
  ran.set(name, { code, seconds });
}

// One row per module: this run's figures, or those of an earlier run (marked) for modules not run this time.
const rows = Object.keys(MODULES).flatMap((name) => {
  const json = path.join(outDir, `${name}.json`);
  const run = ran.get(name);
  if (run && run.code !== 0) return [{ name, error: `stryker exited with ${run.code} (see reports/mutation/${name}.log)`, time: `${run.seconds}s` }];
  if (!existsSync(json)) return [];
  return [{ name, time: run ? `${run.seconds}s` : 'earlier run', ...figures(JSON.parse(readFileSync(json, 'utf8')), MODULES[name].mutate) }];
});

const lines = [
  '| module | mutants | killed | timed out | survived | no coverage | ignored | score | time |',
  '|---|---|---|---|---|---|---|---|---|',
  ...rows.map((r) =>
    r.error
      ? `| ${MODULES[r.name].mutate[0]} | ${r.error} ||||||| ${r.time} |`
      : `| ${MODULES[r.name].mutate[0]} | ${r.mutants} | ${r.Killed} | ${r.Timeout} | ${r.Survived} | ${r.NoCoverage} | ${r.Ignored} | ${r.score.toFixed(1)}% | ${r.time} |`,
  ),
];
const table = lines.join('\n');
console.log(`\nMutation score per module (ignored = static mutants and the equivalent ones disabled in the source, see docs/mutation.md):\n${table}`);
writeFileSync(path.join(outDir, 'summary.md'), `${table}\n`);
process.exit(failed ? 1 : 0);
