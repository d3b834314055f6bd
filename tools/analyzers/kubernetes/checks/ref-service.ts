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
      if (pods.some((p) => mapSelectorMatches(selector, p.labels))) continue;
      if (pods.length > 0) {
        out.push({ object: o, path: ['spec', 'selector'], message: `${describe(o)} selects no pod among the analyzed workloads: it will have no endpoints` });
        continue;
      }
      // No workload of its namespace is among the files: judge only when its pods are plainly elsewhere.
      const elsewhere = ctx.pods.find((p) => mapSelectorMatches(selector, p.labels));
      if (elsewhere) {
        out.push({ object: o, path: ['spec', 'selector'], message: `${describe(o)} selects the pods of ${describe(elsewhere.object)}, which is in namespace "${elsewhere.object.namespace ?? 'default'}", not "${o.namespace ?? 'default'}": a Service only selects pods of its own namespace` });
      }
    }
    return out;
  },
};
