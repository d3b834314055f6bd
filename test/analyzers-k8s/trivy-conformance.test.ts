// Agreement with Trivy's Kubernetes checks (KSV), on the committed copy of trivy-checks' published cases (trivy/, MIT).
// The figure may only go up: raise MIN_AGREE when a change makes more cases agree. Method: docs/kubernetes-conformance.md;
// the same measure on a trivy-checks repository: bench/trivy-conformance.mjs.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeKubernetes, kubernetesChecks } from '../../tools/analyzers/kubernetes/index.js';
import { evaluateCase, tally, type TrivyCase } from './trivy/conformance.js';

/** Cases that must agree (of the 414 unique cases of trivy-checks 80e53822). */
const MIN_AGREE = 403;

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'trivy');
const { cases } = JSON.parse(readFileSync(path.join(dir, 'cases.json'), 'utf8')) as { cases: TrivyCase[] };

describe('Trivy (KSV) conformance', () => {
  const results = cases.map((c) => evaluateCase(c, { analyzeKubernetes, kubernetesChecks }));
  const t = tally(results);

  it(`agrees on at least ${MIN_AGREE} of the ${cases.length} cases`, () => {
    const disagreements = results.filter((r) => !r.agree).map((r) => `${r.case.check} ${r.case.source} ${r.case.test} (Trivy ${r.case.expect === 'report' ? 'fires' : 'does not fire'}; ours ${r.lacking ? 'lacks it' : r.fired.join(',') || 'nothing'})`);
    console.log(`Trivy conformance: ${t.all.agree}/${t.all.n} cases agree (${((100 * t.all.agree) / t.all.n).toFixed(1)}%)`);
    expect(t.all.agree, disagreements.join('\n')).toBeGreaterThanOrEqual(MIN_AGREE);
  });

  it('reads every case it was given', () => {
    expect(cases.length).toBe(414);
    expect(cases.every((c) => c.yaml.length > 0 && /^KSV-\d+$/.test(c.check) && (c.expect === 'report' || c.expect === 'none'))).toBe(true);
  });
});
