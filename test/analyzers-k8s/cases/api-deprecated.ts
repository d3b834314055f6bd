import { bad, docs, good, one, table } from '../helpers.js';

const w = (apiVersion: string, kind: string) => docs({ apiVersion, kind, metadata: { name: 'x' }, spec: { template: { metadata: { labels: { a: 'b' } }, spec: one() } } });
const cron = docs({ apiVersion: 'batch/v1beta1', kind: 'CronJob', metadata: { name: 'c' }, spec: { schedule: '* * * * *' } });
const ALL = ['KSV-0107', 'kube-score:stable-version'];

export default table('K8S-API-DEPRECATED', [
  { ...bad('extensions/v1beta1 Deployment', w('extensions/v1beta1', 'Deployment')), aliases: ALL },
  bad('batch/v1beta1 CronJob', cron),
  bad('policy/v1beta1 PodDisruptionBudget', docs({ apiVersion: 'policy/v1beta1', kind: 'PodDisruptionBudget', metadata: { name: 'p' }, spec: { minAvailable: 1 } })),
  // kube-score's stable-version does not know the RBAC beta.
  { ...bad('rbac v1beta1 Role', docs({ apiVersion: 'rbac.authorization.k8s.io/v1beta1', kind: 'Role', metadata: { name: 'r' }, rules: [] })), aliases: ['KSV-0107'] },
  // --target-kubernetes-version: deprecated once the replacement is served, removed later.
  { ...bad('batch/v1beta1 CronJob for Kubernetes 1.23: deprecated, not yet removed', cron), opts: { targetKubernetesVersion: '1.23' } },
  { ...bad('the version may be written v1.25.3', cron), opts: { targetKubernetesVersion: 'v1.25.3' } },
  { ...good('batch/v1beta1 CronJob for Kubernetes 1.20: batch/v1 is not served yet', cron), opts: { targetKubernetesVersion: '1.20' } },
  { ...good('apps/v1beta1 StatefulSet for Kubernetes 1.8', w('apps/v1beta1', 'StatefulSet')), opts: { targetKubernetesVersion: '1.8' } },
  good('apps/v1 Deployment', w('apps/v1', 'Deployment')),
  good('a CRD group is not judged', docs({ apiVersion: 'example.com/v1beta1', kind: 'Widget', metadata: { name: 'w' } })),
]);
