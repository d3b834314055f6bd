import type { Case } from '../helpers.js';
import { bad, docs, good, table } from '../helpers.js';
import { binding } from '../rbac-helpers.js';

const on = (c: Case): Case => ({ ...c, enable: ['K8S-RBAC-ADMIN-EDIT'] });

export default table('K8S-RBAC-ADMIN-EDIT', [
  on({ ...bad('RoleBinding to admin', docs(binding('admin', { kind: 'RoleBinding' }))), aliases: ['KSV-0111'] }),
  on(bad('ClusterRoleBinding to edit', docs(binding('edit')))),
  on(good('binding to view', docs(binding('view')))),
  on(good('cluster-admin is K8S-RBAC-CLUSTER-ADMIN\'s', docs(binding('cluster-admin')))),
  on(good('Kubernetes\' own (system subjects only)', docs(binding('edit', { subjects: [{ kind: 'Group', name: 'system:serviceaccounts' }] })))),
  good('optional: off unless enabled', docs(binding('admin', { kind: 'RoleBinding' }))),
]);
