import { bad, deployment, deploymentObj, docs, good, one, table } from '../helpers.js';

const hpa = { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 2, maxReplicas: 5 } };

export default table('K8S-REL-REPLICAS', [
  bad('replicas 1', deployment(one(), { replicas: 1 })),
  bad('replicas unset means 1', docs({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: one() } } })),
  good('replicas 2', deployment(one(), { replicas: 2 })),
  good('scaled by an HPA', docs({ ...deploymentObj(one()), spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: one() } } }, hpa)),
]);
