import { describe } from '../model.js';
import type { K8sCheck, K8sIssue } from '../types.js';

export const check: K8sCheck = {
  id: 'K8S-SVC-EXPOSURE',
  severity: 'warning',
  title: 'Service exposed on node ports or external IPs',
  aliases: ['KSV-0108', 'kube-score:service-type'],
  check: (ctx) => {
    const out: K8sIssue[] = [];
    for (const o of ctx.objects) {
      if (o.kind !== 'Service') continue;
      if (o.value.spec?.type === 'NodePort') out.push({ object: o, path: ['spec', 'type'], aliases: ['kube-score:service-type'], message: `${describe(o)} is a NodePort Service: it opens a port on every node; prefer ClusterIP behind an Ingress or LoadBalancer` });
      // kube-score's service-type is about NodePort only; Trivy's KSV-0108 about externalIPs (and externalName) only.
      if (Array.isArray(o.value.spec?.externalIPs) && o.value.spec.externalIPs.length > 0) out.push({ object: o, path: ['spec', 'externalIPs'], aliases: ['KSV-0108'], message: `${describe(o)} sets externalIPs (CVE-2020-8554 traffic interception): avoid them` });
    }
    return out;
  },
};
