import { describe, isRecord, kubeScoreForKind, selectorMatches } from '../model.js';
import type { K8sCheck, K8sIssue } from '../types.js';

const SELECTOR_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']);

export const check: K8sCheck = {
  id: 'K8S-REF-SELECTOR',
  severity: 'error',
  title: "Workload selector does not match its pod template's labels",
  aliases: ['kube-score:deployment-pod-selector-labels-match-template-metadata-labels', 'kube-score:statefulset-pod-selector-labels-match-template-metadata-labels'],
  check: (ctx) => {
    const out: K8sIssue[] = [];
    for (const p of ctx.pods) {
      const o = p.object;
      if (SELECTOR_KINDS.has(o.kind)) {
        const selector = o.value.spec?.selector;
        if (!isRecord(selector)) {
          // Only apps/v1 requires it; older groups defaulted it from the template labels.
          if (o.apiVersion === 'apps/v1') out.push({ object: o, path: ['spec', 'selector'], message: `${describe(o)} has no spec.selector (required by apps/v1)` });
        } else if (!selectorMatches(selector, p.labels)) out.push({ object: o, path: ['spec', 'selector'], message: `${describe(o)} selector does not match its template labels: the API server rejects it` });
      } else if (o.kind === 'ReplicationController' && isRecord(o.value.spec?.selector)) {
        const sel = o.value.spec.selector;
        if (!Object.entries(sel).every(([k, v]) => p.labels[k] === String(v))) out.push({ object: o, path: ['spec', 'selector'], message: `${describe(o)} selector does not match its template labels` });
      }
    }
    // kube-score has the check for Deployments and StatefulSets, one id each.
    return out.map((i) => ({ ...i, aliases: kubeScoreForKind(check.aliases, i.object.kind) }));
  },
};
