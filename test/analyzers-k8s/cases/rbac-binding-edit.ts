import type { Case } from '../helpers.js';
import { bad, docs, good, table } from '../helpers.js';
import { role } from '../rbac-helpers.js';

const on = (c: Case): Case => ({ ...c, enable: ['K8S-RBAC-BINDING-EDIT'] });

export default table('K8S-RBAC-BINDING-EDIT', [
  // Trivy's KSV-0055: apiGroups "*", rolebindings, get and patch, as written.
  on({ ...bad('get and patch rolebindings', docs(role([{ apiGroups: ['*'], resources: ['rolebindings'], verbs: ['get', 'patch'] }], 'r', 'Role'))), aliases: ['KSV-0055'] }),
  on({ ...bad('update clusterrolebindings: ours, not Trivy\'s', docs(role([{ apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterrolebindings'], verbs: ['update'] }]))), aliases: [] }),
  on(good('read rolebindings', docs(role([{ apiGroups: ['rbac.authorization.k8s.io'], resources: ['rolebindings'], verbs: ['get', 'list'] }])))),
  good('optional: off unless enabled', docs(role([{ apiGroups: ['*'], resources: ['rolebindings'], verbs: ['get', 'patch'] }]))),
]);
