import { describe } from '../model.js';
import type { K8sCheck, K8sIssue } from '../types.js';

export const check: K8sCheck = {
  id: 'K8S-REL-HPA-RANGE',
  severity: 'warning',
  title: 'HPA minReplicas below 2, or maxReplicas not above it',
  aliases: ['kube-score:horizontalpodautoscaler-replicas', 'polaris:hpaMinAvailability', 'polaris:hpaMaxAvailability'],
  check: (ctx) => {
    const out: K8sIssue[] = [];
    for (const o of ctx.objects) {
      if (o.kind !== 'HorizontalPodAutoscaler') continue;
      const min = typeof o.value.spec?.minReplicas === 'number' ? o.value.spec.minReplicas : 1;
      const max = o.value.spec?.maxReplicas;
      if (min < 2) out.push({ object: o, path: ['spec', 'minReplicas'], message: `${describe(o)} may scale down to ${min} replica: set minReplicas >= 2` });
      else if (typeof max === 'number' && max <= min) out.push({ object: o, path: ['spec', 'maxReplicas'], message: `${describe(o)} has maxReplicas ${max} <= minReplicas ${min}: it cannot scale` });
    }
    return out;
  },
};
