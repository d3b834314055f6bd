import { describe, sameNamespace, selectorMatches } from '../model.js';
import type { K8sCheck } from '../types.js';

export const check: K8sCheck = {
  id: 'K8S-NET-POLICY',
  severity: 'info',
  title: 'No NetworkPolicy selects the pods',
  aliases: ['KSV-0038', 'CKV2_K8S_6', 'kube-score:pod-networkpolicy', 'polaris:missingNetworkPolicy'],
  helpUri: 'https://kubernetes.io/docs/concepts/services-networking/network-policies/',
  check: (ctx) =>
    ctx.pods
      .filter(
        (p) =>
          !ctx.objects.some((o) => o.kind === 'NetworkPolicy' && sameNamespace(o.namespace, p.object.namespace) && selectorMatches(o.value.spec?.podSelector, p.labels)),
      )
      .map((p) => ({ object: p.object, path: ['metadata', 'name'], message: `${describe(p.object)}: no NetworkPolicy selects its pods, so they accept traffic from anywhere` })),
};
