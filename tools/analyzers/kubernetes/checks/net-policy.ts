import { describe, isRecord, selectorMatches } from '../model.js';
import type { K8sCheck, K8sIssue, K8sObject } from '../types.js';

/** The directions a NetworkPolicy governs: policyTypes, or by default Ingress (plus Egress when it has egress rules). */
export function policyDirections(policy: K8sObject): Set<'Ingress' | 'Egress'> {
  const spec = isRecord(policy.value.spec) ? policy.value.spec : {};
  if (Array.isArray(spec.policyTypes) && spec.policyTypes.length > 0) {
    return new Set(spec.policyTypes.filter((t: unknown): t is 'Ingress' | 'Egress' => t === 'Ingress' || t === 'Egress'));
  }
  return new Set(spec.egress !== undefined ? ['Ingress', 'Egress'] : ['Ingress']);
}

export const check: K8sCheck = {
  id: 'K8S-NET-POLICY',
  severity: 'info',
  title: 'No NetworkPolicy governs the pods (ingress and egress)',
  aliases: ['CKV2_K8S_6', 'kube-score:pod-networkpolicy', 'polaris:missingNetworkPolicy'],
  helpUri: 'https://kubernetes.io/docs/concepts/services-networking/network-policies/',
  check: (ctx) => {
    const out: K8sIssue[] = [];
    for (const p of ctx.pods) {
      const covering = ctx.ofKind('NetworkPolicy', p.object.namespace).filter((o) => selectorMatches(o.value.spec?.podSelector, p.labels));
      const directions = new Set(covering.flatMap((o) => [...policyDirections(o)]));
      const missing = (['Ingress', 'Egress'] as const).filter((d) => !directions.has(d));
      if (missing.length === 2) out.push({ object: p.object, path: ['metadata', 'name'], message: `${describe(p.object)}: no NetworkPolicy selects its pods, so they accept traffic from anywhere and reach anything` });
      else if (missing.length === 1) out.push({ object: p.object, path: ['metadata', 'name'], message: `${describe(p.object)}: no NetworkPolicy governs its ${missing[0].toLowerCase()} traffic` });
    }
    return out;
  },
};
