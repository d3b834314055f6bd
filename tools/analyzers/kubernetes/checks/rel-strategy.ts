import { describe, podTemplateOf } from '../model.js';
import { servicesTargeting } from '../refs.js';
import type { K8sCheck, K8sIssue } from '../types.js';

export const check: K8sCheck = {
  id: 'K8S-REL-STRATEGY',
  severity: 'warning',
  title: 'Deployment behind a Service does not use the RollingUpdate strategy',
  aliases: ['kube-score:deployment-strategy'],
  helpUri: 'https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#strategy',
  check: (ctx) => {
    const out: K8sIssue[] = [];
    for (const o of ctx.objects) {
      if (o.kind !== 'Deployment') continue;
      const type = o.value.spec?.strategy?.type;
      // Unset means RollingUpdate. Only Deployments a Service routes to lose traffic when all pods are replaced at once.
      if (type === undefined || type === null || type === 'RollingUpdate') continue;
      const pod = podTemplateOf(o);
      if (!pod || servicesTargeting(ctx, pod).length === 0) continue;
      out.push({ object: o, path: ['spec', 'strategy', 'type'], message: `${describe(o)} is behind a Service but uses the ${String(type)} strategy: every rollout stops all pods before new ones are ready (use RollingUpdate)` });
    }
    return out;
  },
};
