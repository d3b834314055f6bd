import { bad, docs, good, table } from '../helpers.js';
import { role } from '../rbac-helpers.js';

export default table('K8S-RBAC-ESCALATE', [
  { ...bad('escalate roles', docs(role([{ apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles'], verbs: ['escalate'] }], 'r', 'Role'))), aliases: ['KSV-0050'] },
  { ...bad('every verb on rolebindings', docs(role([{ apiGroups: ['rbac.authorization.k8s.io'], resources: ['rolebindings'], verbs: ['*'] }]))), aliases: ['KSV-0050'] },
  // Trivy's KSV-0050 names roles and rolebindings only.
  { ...bad('bind clusterroles: ours, not Trivy\'s', docs(role([{ apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'], verbs: ['bind'] }]))), aliases: [] },
  good('create roles (RBAC checks what they grant)', docs(role([{ apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles'], verbs: ['create', 'update'] }]))),
  good('read role bindings', docs(role([{ apiGroups: ['rbac.authorization.k8s.io'], resources: ['rolebindings'], verbs: ['get', 'list'] }]))),
]);
