import { describe, isRecord, sameNamespace } from '../model.js';
import type { K8sCheck, K8sIssue } from '../types.js';

export const check: K8sCheck = {
  id: 'K8S-REF-HPA',
  severity: 'warning',
  title: 'HPA targets nothing',
  aliases: ['kube-score:horizontalpodautoscaler-has-target'],
  check: (ctx) => {
    const out: K8sIssue[] = [];
    for (const o of ctx.objects) {
      if (o.kind !== 'HorizontalPodAutoscaler') continue;
      const ref = o.value.spec?.scaleTargetRef;
      if (!isRecord(ref)) {
        out.push({ object: o, path: ['spec', 'scaleTargetRef'], message: `${describe(o)} has no scaleTargetRef` });
        continue;
      }
      const workloads = ctx.pods.filter((p) => sameNamespace(p.object.namespace, o.namespace));
      if (workloads.length === 0) continue;
      if (!workloads.some((p) => p.object.kind === ref.kind && p.object.name === ref.name)) {
        out.push({ object: o, path: ['spec', 'scaleTargetRef', 'name'], message: `${describe(o)} scales ${String(ref.kind)} "${String(ref.name)}", which is not among the analyzed objects` });
      }
    }
    return out;
  },
};
