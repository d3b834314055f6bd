import { describe } from '../model.js';
import type { K8sCheck, K8sIssue } from '../types.js';

function isZero(v: unknown): boolean {
  return v === 0 || v === '0' || v === '0%';
}

export const check: K8sCheck = {
  id: 'K8S-REL-PDB-POLICY',
  severity: 'warning',
  title: 'PodDisruptionBudget allows no disruption, or sets no policy',
  aliases: ['kube-score:poddisruptionbudget-has-policy', 'polaris:pdbDisruptionsIsZero'],
  check: (ctx) => {
    const out: K8sIssue[] = [];
    for (const o of ctx.objects) {
      if (o.kind !== 'PodDisruptionBudget') continue;
      const spec = o.value.spec ?? {};
      // kube-score's has-policy only asks that one be set; Polaris's pdbDisruptionsIsZero only that it allow some.
      if (isZero(spec.maxUnavailable)) out.push({ object: o, path: ['spec', 'maxUnavailable'], aliases: spec.maxUnavailable === '0' ? [] : ['polaris:pdbDisruptionsIsZero'], message: `${describe(o)} has maxUnavailable 0: nodes running these pods can never be drained` });
      else if (spec.minAvailable === '100%') out.push({ object: o, path: ['spec', 'minAvailable'], aliases: ['polaris:pdbDisruptionsIsZero'], message: `${describe(o)} has minAvailable 100%: nodes running these pods can never be drained` });
      else if (spec.minAvailable === undefined && spec.maxUnavailable === undefined) out.push({ object: o, path: ['spec'], aliases: ['kube-score:poddisruptionbudget-has-policy'], message: `${describe(o)} sets neither minAvailable nor maxUnavailable` });
    }
    return out;
  },
};
