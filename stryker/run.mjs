#!/usr/bin/env node
/**
 * `npm run mutation [-- <module>|<module>.<part>...] [--force] [--concurrency N]`: one Stryker run per module or part
 * (stryker/<module>.conf.mjs, the part in STRYKER_PART), one after the other, then a table with a score per module and
 * per part. Not part of .ci/run (minutes per module).
 * Output of each run: reports/mutation/<module>.{log,json,html}; the table also goes to reports/mutation/summary.md.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { moduleRuns } from './base.mjs';
import { MODULES } from './modules.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'reports', 'mutation');
const args = process.argv.slice(2);
const force = args.includes('--force');
const ci = args.indexOf('--concurrency');
if (ci >= 0) process.env.STRYKER_CONCURRENCY = args[ci + 1];
const named = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--concurrency');
// A name is a module (all its parts) or one part of it (`bash-firewall.stage-rules`).
const allRuns = Object.keys(MODULES).flatMap(moduleRuns);
const unknown = named.filter((n) => !(n in MODULES) && !allRuns.some((r) => r.id === n));
if (unknown.length > 0) {
  console.error(`unknown module(s) ${unknown.join(', ')}; known: ${allRuns.map((r) => r.id).join(', ')}`);
  process.exit(2);
}
const selected = named.length > 0 ? allRuns.filter((r) => named.includes(r.module) || named.includes(r.id)) : allRuns;
mkdirSync(outDir, { recursive: true });

function runStryker(run) {
  const log = createWriteStream(path.join(outDir, `${run.id}.log`));
  const argv = [path.join(root, 'node_modules/@stryker-mutator/core/bin/stryker.js'), 'run', `stryker/${run.module}.conf.mjs`, ...(force ? ['--force'] : [])];
  const env = { ...process.env };
  if (run.part) env.STRYKER_PART = run.part;
  else delete env.STRYKER_PART;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, argv, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
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
  return c;
}

const score = (c) => {
  const detected = c.Killed + c.Timeout;
  const valid = detected + c.Survived + c.NoCoverage;
  return valid === 0 ? NaN : (100 * detected) / valid;
};

const ran = new Map();
let failed = false;
for (const run of selected) {
  const started = Date.now();
  console.log(`\n=== mutation: ${run.id} (${run.mutate.join(', ')}) ===`);
  const code = await runStryker(run);
  const seconds = Math.round((Date.now() - started) / 1000);
  if (code !== 0) failed = true;
  ran.set(run.id, { code, seconds });
}

/** A run's row: this session's figures, or those of an earlier run (marked) when it was not run this time. */
function runRow(run) {
  const json = path.join(outDir, `${run.id}.json`);
  const done = ran.get(run.id);
  if (done && done.code !== 0) return { label: run.id, error: `stryker exited with ${done.code} (see reports/mutation/${run.id}.log)`, time: `${done.seconds}s` };
  if (!existsSync(json)) return undefined;
  const files = MODULES[run.module].mutate;
  return { label: run.id, time: done ? `${done.seconds}s` : 'earlier run', seconds: done?.seconds, ...figures(JSON.parse(readFileSync(json, 'utf8')), files) };
}

// One row per module (its parts added up when every part has a report), then one per part.
const rows = Object.keys(MODULES).flatMap((name) => {
  const runs = moduleRuns(name);
  const parts = runs.map(runRow);
  if (runs.length === 1) return parts[0] ? [{ ...parts[0], label: MODULES[name].mutate.join(', ') }] : [];
  const whole = parts.every((p) => p && !p.error)
    ? parts.reduce((sum, p) => {
        for (const k of ['mutants', 'Killed', 'Timeout', 'Survived', 'NoCoverage', 'Ignored']) sum[k] += p[k];
        return sum;
      }, { label: `${MODULES[name].mutate.join(', ')} (all parts)`, mutants: 0, Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, Ignored: 0, time: parts.every((p) => p.seconds !== undefined) ? `${parts.reduce((t, p) => t + p.seconds, 0)}s` : 'mixed runs' })
    : { label: `${MODULES[name].mutate.join(', ')} (all parts)`, error: 'some part has no report or failed' };
  return [whole, ...parts.filter(Boolean).map((p) => ({ ...p, label: `  part ${p.label}` }))];
});

const lines = [
  '| module | mutants | killed | timed out | survived | no coverage | ignored | score | time |',
  '|---|---|---|---|---|---|---|---|---|',
  ...rows.map((r) =>
    r.error
      ? `| ${r.label} | ${r.error} ||||||| ${r.time ?? ''} |`
      : `| ${r.label} | ${r.mutants} | ${r.Killed} | ${r.Timeout} | ${r.Survived} | ${r.NoCoverage} | ${r.Ignored} | ${score(r).toFixed(1)}% | ${r.time} |`,
  ),
];
const table = lines.join('\n');
console.log(`\nMutation score per module (ignored = static mutants and the equivalent ones disabled in the source, see docs/mutation.md):\n${table}`);
writeFileSync(path.join(outDir, 'summary.md'), `${table}\n`);
process.exit(failed ? 1 : 0);
