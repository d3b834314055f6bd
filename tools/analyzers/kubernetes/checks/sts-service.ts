import { describe, mapSelectorMatches, podTemplateOf } from '../model.js';
import type { K8sCheck, K8sIssue } from '../types.js';

export const check: K8sCheck = {
  id: 'K8S-STS-SERVICE',
  severity: 'warning',
  title: 'StatefulSet without its headless Service',
  aliases: ['kube-score:statefulset-has-servicename'],
  helpUri: 'https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#stable-network-id',
  check: (ctx) => {
    const out: K8sIssue[] = [];
    for (const o of ctx.objects) {
      if (o.kind !== 'StatefulSet') continue;
      const name = o.value.spec?.serviceName;
      if (typeof name !== 'string' || name === '') {
        out.push({ object: o, path: ['spec', 'serviceName'], message: `${describe(o)} has no serviceName: its pods get no stable DNS names` });
        continue;
      }
      const services = ctx.ofKind('Service', o.namespace);
      if (services.length === 0) continue; // the Service lives elsewhere
      const svc = services.find((s) => s.name === name);
      if (!svc) out.push({ object: o, path: ['spec', 'serviceName'], message: `${describe(o)} names Service "${name}", which is not among the analyzed objects` });
      else if (svc.value.spec?.clusterIP !== 'None') out.push({ object: o, path: ['spec', 'serviceName'], message: `${describe(o)} names Service "${name}", which is not headless (clusterIP: None)` });
      else if (!mapSelectorMatches(svc.value.spec?.selector, podTemplateOf(o)?.labels ?? {})) out.push({ object: o, path: ['spec', 'serviceName'], message: `${describe(o)} names Service "${name}", whose selector does not pick its pods: they get no DNS records` });
    }
    return out;
  },
};
