import { describe, isRecord, selectorMatches } from '../model.js';
import type { K8sCheck, K8sIssue } from '../types.js';

export const check: K8sCheck = {
  id: 'K8S-REF-NETPOL',
  severity: 'warning',
  title: 'NetworkPolicy selects no pod',
  aliases: ['kube-score:networkpolicy-targets-pod'],
  check: (ctx) => {
    const out: K8sIssue[] = [];
    for (const o of ctx.objects) {
      if (o.kind !== 'NetworkPolicy') continue;
      const selector = o.value.spec?.podSelector;
      if (!isRecord(selector)) continue;
      const pods = ctx.podsIn(o.namespace);
      if (pods.length === 0) continue;
      if (!pods.some((p) => selectorMatches(selector, p.labels))) out.push({ object: o, path: ['spec', 'podSelector'], message: `${describe(o)} selects no pod among the analyzed workloads` });
    }
    return out;
  },
};
