import { bad, docs, good, one, pod, podObj, table } from '../helpers.js';

export default table('K8S-SEC-SA-TOKEN', [
  bad('unset everywhere', pod(one())),
  bad('pod true although the ServiceAccount says false', docs(podObj(one({}, { serviceAccountName: 'sa', automountServiceAccountToken: true })), { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'sa' }, automountServiceAccountToken: false })),
  bad('ServiceAccount in another namespace does not count', docs(podObj(one({}, { serviceAccountName: 'sa' })), { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'sa', namespace: 'other' }, automountServiceAccountToken: false })),
  good('pod false', pod(one({}, { automountServiceAccountToken: false }))),
  good('pod unset, its ServiceAccount false', docs(podObj(one({}, { serviceAccountName: 'sa' })), { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'sa' }, automountServiceAccountToken: false })),
]);
