import { describe } from '../model.js';
import { REPLICATED_KINDS, hpasTargeting } from '../refs.js';
import type { K8sCheck } from '../types.js';

export const check: K8sCheck = {
  id: 'K8S-REL-HPA-REPLICAS',
  severity: 'warning',
  title: 'replicas set on a workload an HPA scales',
  aliases: ['kube-score:deployment-targeted-by-hpa-does-not-have-replicas-configured'],
  check: (ctx) =>
    ctx.objects
      .filter((o) => REPLICATED_KINDS.has(o.kind) && o.value.spec?.replicas !== undefined && hpasTargeting(ctx, o).length > 0)
      .map((o) => ({ object: o, path: ['spec', 'replicas'], message: `${describe(o)} sets replicas while an HPA scales it: every apply resets the count; drop spec.replicas` })),
};
