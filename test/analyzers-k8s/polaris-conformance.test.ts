// Agreement with Polaris's own check tests (test/checks/<check>/{success,failure}*), read from the shared corpus
// (Apache-2.0; not copied here). Skipped when the corpus is absent. The figure may only go up: raise MIN_AGREE.
// Method and the deliberate differences: docs/kubernetes-conformance.md; the same measure: bench/polaris-conformance.mjs.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeKubernetes, kubernetesChecks } from '../../tools/analyzers/kubernetes/index.js';

/** Cases that must agree, of the 294 of Polaris c0e23a23. */
const MIN_AGREE = 287;

const CORPUS = path.resolve('..', 'shared', 'corpus', 'k8s');
const present = existsSync(CORPUS);

describe.skipIf(!present)('Polaris conformance', () => {
  it(`agrees on at least ${MIN_AGREE} cases`, () => {
    const files = readdirSync(CORPUS).sort();
    // Folders with their own `<name>_check.yaml` test Polaris's custom-check machinery, not a Polaris check.
    const custom = new Set(files.flatMap((f) => /^FairwindsOps\+polaris__test_checks_([A-Za-z]+)_check\.ya?ml$/.exec(f)?.[1] ?? []));
    const ours = new Set(kubernetesChecks.flatMap((c) => c.aliases.filter((a) => a.startsWith('polaris:'))));
    const enable = new Set(kubernetesChecks.filter((c) => c.optional).map((c) => c.id));
    let n = 0;
    const disagree: string[] = [];
    for (const file of files) {
      const m = /^FairwindsOps\+polaris__test_checks_([A-Za-z]+)_(success|failure)(?:[._-].*)?\.ya?ml$/.exec(file);
      if (!m || custom.has(m[1])) continue;
      n++;
      const alias = `polaris:${m[1]}`;
      const reported = ours.has(alias) && analyzeKubernetes([{ file, text: readFileSync(path.join(CORPUS, file), 'utf8') }], { enable }).some((f) => f.aliases.includes(alias));
      if (reported !== (m[2] === 'failure')) disagree.push(`${m[1]}: ${file}`);
    }
    console.log(`Polaris conformance: ${n - disagree.length}/${n} cases agree`);
    expect(n).toBe(294);
    expect(n - disagree.length, disagree.join('\n')).toBeGreaterThanOrEqual(MIN_AGREE);
  });
});
