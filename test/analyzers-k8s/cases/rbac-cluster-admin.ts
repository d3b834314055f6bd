import { bad, docs, good, table } from '../helpers.js';
import { binding, role } from '../rbac-helpers.js';

export default table('K8S-RBAC-CLUSTER-ADMIN', [
  // Polaris has one check per kind of binding (and of role a RoleBinding names).
  { ...bad('ClusterRoleBinding to cluster-admin', docs(binding('cluster-admin'))), aliases: ['polaris:clusterrolebindingClusterAdmin', 'CKV2_K8S_1', 'KSV-0111'] },
  { ...bad('RoleBinding to cluster-admin', docs(binding('cluster-admin', { kind: 'RoleBinding' }))), aliases: ['polaris:rolebindingClusterAdminClusterRole', 'CKV2_K8S_1', 'KSV-0111'] },
  // Polaris leaves GKE's calico binding alone by name; we do not.
  { ...bad('the binding GKE names gce:podsecuritypolicy:calico-sa', docs(binding('cluster-admin', { name: 'gce:podsecuritypolicy:calico-sa' }))), aliases: ['CKV2_K8S_1', 'KSV-0111'] },
  // Trivy's KSV-0111 reads the role's name only.
  { ...bad('binding to an all-powerful custom role', docs(role([{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }], 'god'), binding('god'))), aliases: ['polaris:clusterrolebindingClusterAdmin', 'CKV2_K8S_1'] },
  bad('every verb spelled out on every resource', docs(role([{ apiGroups: ['*'], resources: ['*'], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] }], 'almost-god'), binding('almost-god'))),
  good('read-only verbs on every resource', docs(role([{ apiGroups: ['*'], resources: ['*'], verbs: ['get', 'list', 'watch'] }], 'reader'), binding('reader'))),
  good('binding to view', docs(binding('view'))),
  good('system subjects only', docs(binding('cluster-admin', { subjects: [{ kind: 'Group', name: 'system:masters' }] }))),
]);
