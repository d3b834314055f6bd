import { bad, docs, good, table } from '../helpers.js';
import { binding, role } from '../rbac-helpers.js';

const execRole = role([{ apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] }], 'exec-role');

export default table('K8S-RBAC-EXEC-BINDING', [
  bad('ClusterRoleBinding to a role allowing exec', docs(execRole, binding('exec-role'))),
  bad('RoleBinding to a ClusterRole allowing exec', docs(execRole, binding('exec-role', { kind: 'RoleBinding' }))),
  good('binding to a read-only role', docs(role([{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }], 'reader'), binding('reader'))),
  good('role not among the analyzed objects', docs(binding('elsewhere'))),
  bad('a user bound to a system: role that allows exec', docs(role([{ apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] }], 'system:exec'), binding('system:exec'))),
  good('only system: subjects (Kubernetes own binding)', docs(execRole, binding('exec-role', { subjects: [{ kind: 'Group', name: 'system:masters' }] }))),
  good('system: bindings are Kubernetes own', docs(execRole, binding('exec-role', { name: 'system:controller' }))),
]);
