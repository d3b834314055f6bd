import { describe, podTemplateOf } from '../model.js';
import { hpasTargeting, replicasOf, servicesTargeting } from '../refs.js';
import type { K8sCheck, K8sIssue } from '../types.js';

export const check: K8sCheck = {
  id: 'K8S-REL-REPLICAS',
  severity: 'info',
  title: 'Deployment runs a single replica',
  aliases: ['kube-score:deployment-replicas', 'polaris:deploymentMissingReplicas'],
  check: (ctx, opts) => {
    const min = opts.minReplicasDeployment ?? 2;
    const out: K8sIssue[] = [];
    for (const o of ctx.objects) {
      if ((o.kind !== 'Deployment' && o.kind !== 'StatefulSet') || replicasOf(o) >= min || hpasTargeting(ctx, o).length > 0) continue;
      const pod = podTemplateOf(o);
      const aliases: string[] = [];
      // kube-score only asks it of Deployments a Service targets; Polaris of every Deployment, with its fixed floor of 2.
      if (o.kind === 'Deployment' && pod && servicesTargeting(ctx, pod).length > 0) aliases.push('kube-score:deployment-replicas');
      if (o.kind === 'Deployment' && replicasOf(o) < 2) aliases.push('polaris:deploymentMissingReplicas');
      out.push({ object: o, path: ['spec', 'replicas'], aliases, message: `${describe(o)} runs ${replicasOf(o)} replica${replicasOf(o) === 1 ? '' : 's'} (fewer than ${min}): any restart or node drain is an outage (raise replicas or add an HPA)` });
    }
    return out;
  },
};
