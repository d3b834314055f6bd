import { describe } from '../model.js';
import type { K8sCheck, K8sIssue } from '../types.js';

export const check: K8sCheck = {
  id: 'K8S-REL-HPA-RANGE',
  severity: 'warning',
  title: 'HPA minReplicas below 2, or maxReplicas not above it',
  aliases: ['kube-score:horizontalpodautoscaler-replicas', 'polaris:hpaMinAvailability', 'polaris:hpaMaxAvailability'],
  check: (ctx, opts) => {
    const floor = opts.minReplicasHpa ?? 2;
    const out: K8sIssue[] = [];
    for (const o of ctx.objects) {
      if (o.kind !== 'HorizontalPodAutoscaler') continue;
      const set = typeof o.value.spec?.minReplicas === 'number';
      const min = set ? o.value.spec.minReplicas : 1;
      const max = o.value.spec?.maxReplicas;
      if (min < floor) {
        // Polaris only judges a minReplicas that is written down; kube-score counts the default of 1.
        const aliases = ['kube-score:horizontalpodautoscaler-replicas', ...(set && min < 2 ? ['polaris:hpaMinAvailability'] : [])];
        out.push({ object: o, path: ['spec', 'minReplicas'], aliases, message: `${describe(o)} may scale down to ${min} replica${min === 1 ? '' : 's'}: set minReplicas >= ${floor}` });
      }
      if (typeof max === 'number' && max <= min) out.push({ object: o, path: ['spec', 'maxReplicas'], aliases: ['polaris:hpaMaxAvailability'], message: `${describe(o)} has maxReplicas ${max} <= minReplicas ${min}: it cannot scale` });
    }
    return out;
  },
};
