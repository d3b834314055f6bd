import { bad, deploymentObj, docs, good, one, table } from '../helpers.js';

const np = (podSelector: Record<string, unknown>) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'n' }, spec: { podSelector, policyTypes: ['Ingress'] } });

export default table('K8S-REF-NETPOL', [
  bad('selects no pod', docs(deploymentObj(one()), np({ matchLabels: { app: 'api' } }))),
  good('selects the pods', docs(deploymentObj(one()), np({ matchLabels: { app: 'web' } }))),
  good('empty selector selects every pod', docs(deploymentObj(one()), np({}))),
  good('no workloads analyzed', docs(np({ matchLabels: { app: 'api' } }))),
]);
