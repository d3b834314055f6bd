import { bad, deploymentObj, docs, good, one, table } from '../helpers.js';

const np = (podSelector: Record<string, unknown>, namespace?: string, policyTypes = ['Ingress', 'Egress']) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'n', ...(namespace ? { namespace } : {}) }, spec: { podSelector, policyTypes } });

export default table('K8S-NET-POLICY', [
  bad('no NetworkPolicy', docs(deploymentObj(one()))),
  bad('policy for other pods', docs(deploymentObj(one()), np({ matchLabels: { app: 'db' } }))),
  bad('policy in another namespace', docs(deploymentObj(one()), np({}, 'other'))),
  bad('ingress only: egress is ungoverned', docs(deploymentObj(one()), np({ matchLabels: { app: 'web' } }, undefined, ['Ingress']))),
  bad('no policyTypes and no egress rules means Ingress only', docs(deploymentObj(one()), { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'n' }, spec: { podSelector: {}, ingress: [] } })),
  good('two policies, one per direction', docs(deploymentObj(one()), np({}, undefined, ['Ingress']), { ...np({}, undefined, ['Egress']), metadata: { name: 'e' } })),
  good('policy selects the pods', docs(deploymentObj(one()), np({ matchLabels: { app: 'web' } }))),
  good('default-deny for the namespace', docs(deploymentObj(one()), np({}))),
]);
