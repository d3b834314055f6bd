#!/usr/bin/env node
// Agreement with Polaris, case by case: Polaris's own check tests (`test/checks/<check>/{success,failure}*.yaml`,
// in ../shared/corpus/k8s as FairwindsOps+polaris__test_checks_<check>_<success|failure>…) say which manifests
// pass or fail each check. A case agrees when we report the check (a finding carrying `polaris:<check>`) exactly
// on the failure manifests. A check we lack counts as a miss on each of its cases. Polaris is Apache-2.0; the
// manifests are read from the shared corpus, not copied here. How the figure is measured: docs/kubernetes-conformance.md.
//
// Usage: node bench/polaris-conformance.mjs [--check <polarisCheck>] [--show] [--json]
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { importTs } from './import-ts.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const corpus = path.resolve(root, '..', 'shared', 'corpus', 'k8s');
const { values: args } = parseArgs({ options: { check: { type: 'string' }, show: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } } });
if (!existsSync(corpus)) {
  console.log(`polaris-conformance: ${corpus} is absent, nothing to measure`);
  process.exit(0);
}

const { analyzeKubernetes, kubernetesChecks } = (await importTs('polaris-conformance', { 'k8s-analyzer': 'tools/analyzers/kubernetes/index.ts' }))['k8s-analyzer'];

const ours = new Set(kubernetesChecks.flatMap((c) => c.aliases.filter((a) => a.startsWith('polaris:')).map((a) => a.slice(8))));
const enable = new Set(kubernetesChecks.filter((c) => c.optional).map((c) => c.id));
const cases = [];
const files = readdirSync(corpus).sort();
const custom = new Set(files.flatMap((f) => /^FairwindsOps\+polaris__test_checks_([A-Za-z]+)_check\.ya?ml$/.exec(f)?.[1] ?? []));
for (const file of files) {
  // success/failure manifests only: `_mutated` files are expected outputs of Polaris's fixes. A folder with a
  // `<name>_check.yaml` tests Polaris's custom-check machinery with a check defined there (nakedPod, oneController,
  // resourceRange: "example FP"), not a Polaris check: left out.
  const m = /^FairwindsOps\+polaris__test_checks_([A-Za-z]+)_(success|failure)(?:[._-].*)?\.ya?ml$/.exec(file);
  if (!m || custom.has(m[1]) || (args.check && m[1] !== args.check)) continue;
  cases.push({ check: m[1], file, expect: m[2] === 'failure' ? 'report' : 'none' });
}
const results = cases.map((c) => {
  if (!ours.has(c.check)) return { ...c, lacking: true, agree: false, fired: [] };
  const findings = analyzeKubernetes([{ file: c.file, text: readFileSync(path.join(corpus, c.file), 'utf8') }], { enable });
  const fired = [...new Set(findings.filter((f) => f.aliases.includes(`polaris:${c.check}`)).map((f) => f.rule))];
  return { ...c, lacking: false, agree: (fired.length > 0) === (c.expect === 'report'), fired };
});
const count = (rs) => ({ n: rs.length, agree: rs.filter((r) => r.agree).length });
const all = count(results);
const implemented = count(results.filter((r) => !r.lacking));
const pct = (t) => (t.n ? ((100 * t.agree) / t.n).toFixed(1) : '-');
const byCheck = new Map();
for (const r of results) {
  const t = byCheck.get(r.check) ?? { n: 0, agree: 0, lacking: r.lacking };
  t.n++;
  if (r.agree) t.agree++;
  byCheck.set(r.check, t);
}
if (args.json) {
  console.log(JSON.stringify({ all, implemented, byCheck: Object.fromEntries(byCheck), disagreements: results.filter((r) => !r.agree) }, null, 2));
} else {
  console.log(`Polaris test/checks (shared corpus, c0e23a23): ${results.length} cases over ${byCheck.size} checks`);
  console.log(`all cases:             ${all.agree}/${all.n} agree (${pct(all)}%)`);
  console.log(`checks we implement:   ${implemented.agree}/${implemented.n} agree (${pct(implemented)}%)`);
  for (const [check, t] of [...byCheck].sort(([a], [b]) => a.localeCompare(b))) console.log(`  ${check.padEnd(44)} ${String(t.agree).padStart(3)}/${String(t.n).padEnd(3)}${t.lacking ? '  (no counterpart)' : ''}`);
  if (args.show) for (const r of results.filter((x) => !x.agree)) console.log(`\n${r.check}: ${r.file}: Polaris ${r.expect === 'report' ? 'fails it' : 'passes it'}; ours ${r.lacking ? 'lacks the check' : r.fired.length ? `reports ${r.fired.join(', ')}` : 'reports nothing'}`);
}
