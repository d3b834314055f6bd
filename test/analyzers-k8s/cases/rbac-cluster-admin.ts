import { bad, docs, good, table } from '../helpers.js';
import { binding, role } from '../rbac-helpers.js';

export default table('K8S-RBAC-CLUSTER-ADMIN', [
  bad('ClusterRoleBinding to cluster-admin', docs(binding('cluster-admin'))),
  bad('RoleBinding to cluster-admin', docs(binding('cluster-admin', { kind: 'RoleBinding' }))),
  bad('binding to an all-powerful custom role', docs(role([{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }], 'god'), binding('god'))),
  bad('every verb spelled out on every resource', docs(role([{ apiGroups: ['*'], resources: ['*'], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] }], 'almost-god'), binding('almost-god'))),
  good('read-only verbs on every resource', docs(role([{ apiGroups: ['*'], resources: ['*'], verbs: ['get', 'list', 'watch'] }], 'reader'), binding('reader'))),
  good('binding to view', docs(binding('view'))),
  good('system subjects only', docs(binding('cluster-admin', { subjects: [{ kind: 'Group', name: 'system:masters' }] }))),
]);
