import { describe } from '../model.js';
import { hpasTargeting, replicasOf } from '../refs.js';
import type { K8sCheck } from '../types.js';

export const check: K8sCheck = {
  id: 'K8S-REL-REPLICAS',
  severity: 'info',
  title: 'Deployment runs a single replica',
  aliases: ['kube-score:deployment-replicas', 'polaris:deploymentMissingReplicas'],
  check: (ctx) =>
    ctx.objects
      .filter((o) => (o.kind === 'Deployment' || o.kind === 'StatefulSet') && replicasOf(o) < 2 && hpasTargeting(ctx, o).length === 0)
      .map((o) => ({ object: o, path: ['spec', 'replicas'], message: `${describe(o)} runs ${replicasOf(o)} replica: any restart or node drain is an outage (set replicas >= 2 or add an HPA)` })),
};
