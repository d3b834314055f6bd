import { bad, docs, good, one, table } from '../helpers.js';

const w = (apiVersion: string, kind: string) => docs({ apiVersion, kind, metadata: { name: 'x' }, spec: { template: { metadata: { labels: { a: 'b' } }, spec: one() } } });

export default table('K8S-API-DEPRECATED', [
  bad('extensions/v1beta1 Deployment', w('extensions/v1beta1', 'Deployment')),
  bad('batch/v1beta1 CronJob', docs({ apiVersion: 'batch/v1beta1', kind: 'CronJob', metadata: { name: 'c' }, spec: { schedule: '* * * * *' } })),
  bad('policy/v1beta1 PodDisruptionBudget', docs({ apiVersion: 'policy/v1beta1', kind: 'PodDisruptionBudget', metadata: { name: 'p' }, spec: { minAvailable: 1 } })),
  good('apps/v1 Deployment', w('apps/v1', 'Deployment')),
  good('a CRD group is not judged', docs({ apiVersion: 'example.com/v1beta1', kind: 'Widget', metadata: { name: 'w' } })),
]);
