import { bad, docs, good, table } from '../helpers.js';
import { role } from '../rbac-helpers.js';

const RBAC = 'rbac.authorization.k8s.io';

export default table('K8S-RBAC-BIND-ANY', [
  // Trivy's KSV-0051 / KSV-0052 want the binding rule first and resourceNames "*" on the bind rule, as written.
  { ...bad('create rolebindings, bind any clusterrole ("*")', docs(role([{ apiGroups: [RBAC], resources: ['rolebindings'], verbs: ['create'] }, { apiGroups: [RBAC], resources: ['clusterroles'], verbs: ['bind'], resourceNames: ['*'] }], 'r', 'Role'))), aliases: ['KSV-0051'] },
  { ...bad('create clusterrolebindings, bind any clusterrole', docs(role([{ apiGroups: [RBAC], resources: ['clusterrolebindings'], verbs: ['create'] }, { apiGroups: [RBAC], resources: ['clusterroles'], verbs: ['bind'], resourceNames: ['*'] }]))), aliases: ['KSV-0052'] },
  // Without resourceNames, bind covers every role: ours, not Trivy's.
  { ...bad('bind without resourceNames, in one rule', docs(role([{ apiGroups: [RBAC], resources: ['rolebindings', 'roles'], verbs: ['create', 'bind'] }]))), aliases: [] },
  good('bind one named role', docs(role([{ apiGroups: [RBAC], resources: ['rolebindings'], verbs: ['create'] }, { apiGroups: [RBAC], resources: ['clusterroles'], verbs: ['bind'], resourceNames: ['view'] }]))),
  good('create rolebindings only (RBAC checks the bound role)', docs(role([{ apiGroups: [RBAC], resources: ['rolebindings'], verbs: ['create'] }]))),
  good('the built-in admin role', docs(role([{ apiGroups: [RBAC], resources: ['rolebindings'], verbs: ['create'] }, { apiGroups: [RBAC], resources: ['roles'], verbs: ['bind'] }], 'admin'))),
]);
