// Agreement with kube-score's own manifest tests, on the committed copy of its testdata (kube-score/, MIT).
// The figure may only go up: raise MIN_AGREE when a change makes more cases agree. Method: docs/kubernetes-conformance.md.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeKubernetes, kubernetesChecks } from '../../tools/analyzers/kubernetes/index.js';
import { evaluateCase, tally, type KubeScoreCase } from './kube-score/conformance.js';

/** Cases that must agree (of the 201 unique cases of kube-score 06dedc9c). */
const MIN_AGREE = 201;

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'kube-score');
const { cases } = JSON.parse(readFileSync(path.join(dir, 'cases.json'), 'utf8')) as { cases: KubeScoreCase[] };
const read = (file: string) => readFileSync(path.join(dir, 'testdata', file), 'utf8');

describe('kube-score conformance', () => {
  const results = cases.map((c) => evaluateCase(c, read, { analyzeKubernetes, kubernetesChecks }));
  const t = tally(results);

  it(`agrees on at least ${MIN_AGREE} of the ${cases.length} cases`, () => {
    const disagreements = results.filter((r) => !r.agree).map((r) => `${r.case.test}: ${r.case.check} on ${r.case.files.join(',')} (kube-score ${r.case.grade}; ours ${r.lacking ? 'lacks it' : r.fired.join(',') || 'nothing'})`);
    console.log(`kube-score conformance: ${t.all.agree}/${t.all.n} cases agree (${((100 * t.all.agree) / t.all.n).toFixed(1)}%)`);
    expect(t.all.agree, disagreements.join('\n')).toBeGreaterThanOrEqual(MIN_AGREE);
  });

  it('reads every case it was given', () => {
    expect(cases.length).toBe(201);
    expect(cases.every((c) => c.parsed && c.files.length > 0)).toBe(true);
  });
});
