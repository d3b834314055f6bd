import { bad, deploymentObj, docs, good, one, table } from '../helpers.js';

const np = (podSelector: Record<string, unknown>, namespace?: string) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'n', ...(namespace ? { namespace } : {}) }, spec: { podSelector } });

export default table('K8S-NET-POLICY', [
  bad('no NetworkPolicy', docs(deploymentObj(one()))),
  bad('policy for other pods', docs(deploymentObj(one()), np({ matchLabels: { app: 'db' } }))),
  bad('policy in another namespace', docs(deploymentObj(one()), np({}, 'other'))),
  good('policy selects the pods', docs(deploymentObj(one()), np({ matchLabels: { app: 'web' } }))),
  good('default-deny for the namespace', docs(deploymentObj(one()), np({}))),
]);
