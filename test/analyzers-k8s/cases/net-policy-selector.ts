import { bad, docs, good, table } from '../helpers.js';

const np = (spec: Record<string, unknown>) => docs({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'n' }, spec });

export default table('K8S-NET-POLICY-SELECTOR', [
  { ...bad('no podSelector and no selector anywhere', np({ ingress: [{ from: [{}] }] })), aliases: ['KSV-0038'] },
  // Trivy's KSV-0038 is content with a selector in a peer; Kubernetes still requires spec.podSelector.
  { ...bad('no podSelector, a podSelector in a peer', np({ ingress: [{ from: [{ podSelector: { matchLabels: { role: 'client' } } }] }] })), aliases: [] },
  good('podSelector {} (every pod)', np({ podSelector: {}, policyTypes: ['Ingress'] })),
  good('podSelector with labels', np({ podSelector: { matchLabels: { app: 'db' } } })),
]);
