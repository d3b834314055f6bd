#!/usr/bin/env node
// Agreement with kube-score, case by case: reads kube-score's manifest tests (`score/*_test.go`, each naming
// testdata manifests, a check and the grade kube-score must give) from a kube-score git repository at a pinned
// commit, runs our analyzer on the same manifests, and compares verdicts: kube-score Critical/Warning = we must
// report the check (a finding of a check carrying the `kube-score:<id>` alias), OK/AlmostOK/skipped = we must not.
// A case whose check we lack counts as a miss. kube-score is MIT: a copy of the cases and of the testdata they use
// is committed in test/analyzers-k8s/kube-score/ (with its licence), and is used when no repository is at hand.
// How the figure is measured: docs/kubernetes-conformance.md.
//
// Usage: node bench/kube-score-conformance.mjs [--repo <kube-score git dir>] [--commit <sha>] [--check <id>] [--show] [--json] [--write-fixture]
//   --repo           default: $KUBE_SCORE_REPO, else ../.mirror/zegl+kube-score/repo beside this checkout
//   --show           print every disagreeing case
//   --write-fixture  (re)write test/analyzers-k8s/kube-score/ (cases.json, testdata/, LICENSE) from the repository
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { importTs } from './import-ts.mjs';
import { extractCases, uniqueCases } from './kube-score-extract.mjs';

export const PINNED_COMMIT = '06dedc9ccce58bff50a4f42a3ce0633dc72b0dfa';
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const fixture = path.join(root, 'test', 'analyzers-k8s', 'kube-score');
const { values: args } = parseArgs({
  options: {
    repo: { type: 'string', default: process.env.KUBE_SCORE_REPO ?? path.resolve(root, '..', '.mirror', 'zegl+kube-score', 'repo') },
    commit: { type: 'string', default: PINNED_COMMIT },
    check: { type: 'string' },
    show: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    'write-fixture': { type: 'boolean', default: false },
  },
});

let cases;
let read;
let origin;
if (existsSync(args.repo)) {
  const git = (...a) => execFileSync('git', ['-C', args.repo, ...a], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const testFiles = git('ls-tree', '--name-only', args.commit, 'score/').split('\n').filter((f) => /_test\.go$/.test(f));
  const all = testFiles.flatMap((f) => extractCases(git('show', `${args.commit}:${f}`), path.basename(f)));
  const unparsed = all.filter((c) => !c.parsed);
  for (const c of unparsed) console.error(`not a case (no grade or file): ${c.source}:${c.line} ${c.test}`);
  cases = uniqueCases(all.filter((c) => c.parsed));
  read = (file) => git('show', `${args.commit}:score/testdata/${file}`);
  origin = `kube-score ${args.commit.slice(0, 8)} (${args.repo})`;
  if (args['write-fixture']) {
    rmSync(path.join(fixture, 'testdata'), { recursive: true, force: true });
    mkdirSync(path.join(fixture, 'testdata'), { recursive: true });
    for (const f of new Set(cases.flatMap((c) => c.files))) writeFileSync(path.join(fixture, 'testdata', f), read(f));
    writeFileSync(path.join(fixture, 'LICENSE'), git('show', `${args.commit}:LICENSE`));
    const lines = cases.map((c) => `  ${JSON.stringify(c)}`).join(',\n');
    writeFileSync(path.join(fixture, 'cases.json'), `{"source": "https://github.com/zegl/kube-score", "commit": "${args.commit}", "cases": [\n${lines}\n]}\n`);
    console.log(`wrote ${cases.length} cases and ${new Set(cases.flatMap((c) => c.files)).size} testdata files to ${path.relative(root, fixture)}`);
  }
} else if (existsSync(path.join(fixture, 'cases.json'))) {
  const saved = JSON.parse(readFileSync(path.join(fixture, 'cases.json'), 'utf8'));
  cases = saved.cases;
  read = (file) => readFileSync(path.join(fixture, 'testdata', file), 'utf8');
  origin = `kube-score ${saved.commit.slice(0, 8)} (committed copy in ${path.relative(root, fixture)})`;
} else {
  console.log(`kube-score-conformance: no kube-score repository at ${args.repo} (--repo or KUBE_SCORE_REPO) and no committed copy; nothing to measure`);
  process.exit(0);
}

// ---- run ----
const { 'k8s-analyzer': api, conformance } = await importTs('kube-score-conformance', { 'k8s-analyzer': 'tools/analyzers/kubernetes/index.ts', conformance: 'test/analyzers-k8s/kube-score/conformance.ts' });
const { evaluateCase, tally } = conformance;

const selected = args.check ? cases.filter((c) => c.check === args.check) : cases;
const results = selected.map((c) => evaluateCase(c, read, api));
const t = tally(results);
const pct = (x) => (x.n ? ((100 * x.agree) / x.n).toFixed(1) : '-');
if (args.json) {
  console.log(JSON.stringify({ origin, all: t.all, implemented: t.implemented, byCheck: Object.fromEntries(t.byCheck), disagreements: results.filter((r) => !r.agree).map((r) => ({ ...r.case, lacking: r.lacking, fired: r.fired })) }, null, 2));
} else {
  console.log(`${origin}: ${results.length} unique cases`);
  console.log(`all cases:             ${t.all.agree}/${t.all.n} agree (${pct(t.all)}%)`);
  console.log(`checks we implement:   ${t.implemented.agree}/${t.implemented.n} agree (${pct(t.implemented)}%)`);
  const rows = [...t.byCheck].sort(([a], [b]) => a.localeCompare(b));
  for (const [check, x] of rows) console.log(`  ${check.padEnd(64)} ${String(x.agree).padStart(3)}/${String(x.n).padEnd(3)}${x.lacking ? '  (no counterpart)' : ''}`);
  if (args.show) {
    for (const r of results.filter((x) => !x.agree)) {
      const c = r.case;
      const cfg = Object.entries(c.config).filter(([k, v]) => !(Array.isArray(v) ? v.length === 0 : v === false || v === 0 || (k === 'kubernetesVersion' && v === '1.18'))).map(([k, v]) => `${k}=${v}`).join(' ');
      console.log(`\n${c.source}:${c.line} ${c.test}: ${c.check} on ${c.files.join(', ')}: kube-score ${c.grade} -> ${c.expect === 'report' ? 'must report' : 'must not report'}; ours ${r.lacking ? 'lacks the check' : r.fired.length ? `reports ${r.fired.join(', ')}` : 'reports nothing'}${cfg ? ` [${cfg}]` : ''}`);
    }
  }
}
