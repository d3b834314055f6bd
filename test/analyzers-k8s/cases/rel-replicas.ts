import { bad, deployment, deploymentObj, docs, good, one, table } from '../helpers.js';

const hpa = { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 2, maxReplicas: 5 } };
const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } };
const unset = () => docs({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: one() } } });

export default table('K8S-REL-REPLICAS', [
  // kube-score only asks it of Deployments a Service targets.
  { ...bad('replicas 1', deployment(one(), { replicas: 1 })), aliases: ['polaris:deploymentMissingReplicas'] },
  { ...bad('replicas 1 behind a Service', docs(deploymentObj(one(), { replicas: 1 }), svc)), aliases: ['kube-score:deployment-replicas', 'polaris:deploymentMissingReplicas'] },
  bad('replicas unset means 1', unset()),
  // A higher floor (kube-score's --min-replicas-deployment) is ours, not Polaris's (fixed at 2).
  { ...bad('replicas 3 under a floor of 5', docs(deploymentObj(one(), { replicas: 3 }), svc)), opts: { minReplicasDeployment: 5 }, aliases: ['kube-score:deployment-replicas'] },
  good('replicas 2', deployment(one(), { replicas: 2 })),
  { ...good('replicas 1 with a floor of 1', deployment(one(), { replicas: 1 })), opts: { minReplicasDeployment: 1 } },
  good('scaled by an HPA', docs({ ...deploymentObj(one()), spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: one() } } }, hpa)),
]);
