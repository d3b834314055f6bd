import { describe, isRecord, withTrivy } from '../model.js';
import type { K8sCheck, K8sIssue, K8sObject } from '../types.js';

/**
 * Trivy's KSV-0038 is content with a selector anywhere: spec.podSelector, a spec.namespaceSelector (not a field of
 * NetworkPolicy), or a podSelector / namespaceSelector in an ingress `from` or egress `to` peer.
 */
function trivySelector(o: K8sObject): boolean {
  const spec = o.value.spec;
  if (!isRecord(spec)) return false;
  if (spec.podSelector !== undefined || spec.namespaceSelector !== undefined) return true;
  const peers = (rules: unknown, key: string) => (Array.isArray(rules) ? rules : []).flatMap((r) => (isRecord(r) && Array.isArray(r[key]) ? r[key] : []));
  return [...peers(spec.ingress, 'from'), ...peers(spec.egress, 'to')].some((p) => isRecord(p) && (p.podSelector !== undefined || p.namespaceSelector !== undefined));
}

export const check: K8sCheck = {
  id: 'K8S-NET-POLICY-SELECTOR',
  severity: 'error',
  title: 'NetworkPolicy without spec.podSelector',
  aliases: ['KSV-0038'],
  helpUri: 'https://kubernetes.io/docs/concepts/services-networking/network-policies/#networkpolicy-resource',
  check: (ctx) => {
    const out: K8sIssue[] = [];
    for (const o of ctx.objects) {
      if (o.kind !== 'NetworkPolicy' || (isRecord(o.value.spec) && o.value.spec.podSelector !== undefined)) continue;
      out.push({
        object: o,
        path: ['spec', 'podSelector'],
        message: `${describe(o)} has no spec.podSelector, which Kubernetes requires: say which pods it governs ({} for every pod of the namespace)`,
        aliases: withTrivy(check.aliases, trivySelector(o) ? [] : ['KSV-0038']),
      });
    }
    return out;
  },
};
