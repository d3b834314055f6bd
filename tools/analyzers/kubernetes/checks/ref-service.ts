import { describe, mapSelectorMatches } from '../model.js';
import type { K8sCheck, K8sIssue } from '../types.js';

export const check: K8sCheck = {
  id: 'K8S-REF-SERVICE',
  severity: 'warning',
  title: 'Service selects no pod',
  aliases: ['kube-score:service-targets-pod'],
  check: (ctx) => {
    const out: K8sIssue[] = [];
    for (const o of ctx.objects) {
      if (o.kind !== 'Service' || o.value.spec?.type === 'ExternalName') continue;
      const selector = o.value.spec?.selector;
      if (selector === undefined) continue; // selector-less Services are backed by hand-made Endpoints
      const pods = ctx.podsIn(o.namespace);
      // Only judge when the workloads of that namespace are among the analyzed files.
      if (pods.length === 0) continue;
      if (!pods.some((p) => mapSelectorMatches(selector, p.labels))) out.push({ object: o, path: ['spec', 'selector'], message: `${describe(o)} selects no pod among the analyzed workloads: it will have no endpoints` });
    }
    return out;
  },
};
