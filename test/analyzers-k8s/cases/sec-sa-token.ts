import { bad, docs, good, one, pod, podObj, table } from '../helpers.js';

export default table('K8S-SEC-SA-TOKEN', [
  bad('unset everywhere', pod(one())),
  bad('pod true although the ServiceAccount says false', docs(podObj(one({}, { serviceAccountName: 'sa', automountServiceAccountToken: true })), { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'sa' }, automountServiceAccountToken: false })),
  bad('ServiceAccount in another namespace does not count', docs(podObj(one({}, { serviceAccountName: 'sa' })), { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'sa', namespace: 'other' }, automountServiceAccountToken: false })),
  // Trivy's KSV-0036 fails automountServiceAccountToken: true, or a container mounting the token path with it unset.
  { ...bad('unset: ours, not Trivy\'s', pod(one())), aliases: ['CKV_K8S_38', 'polaris:automountServiceAccountToken', 'kubesec:AutomountServiceAccountToken'] },
  { ...bad('the token path mounted explicitly', pod(one({ volumeMounts: [{ name: 't', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }] }))), aliases: ['KSV-0036', 'CKV_K8S_38', 'polaris:automountServiceAccountToken', 'kubesec:AutomountServiceAccountToken'] },
  good('pod false', pod(one({}, { automountServiceAccountToken: false }))),
  good('pod unset, its ServiceAccount false', docs(podObj(one({}, { serviceAccountName: 'sa' })), { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'sa' }, automountServiceAccountToken: false })),
]);
