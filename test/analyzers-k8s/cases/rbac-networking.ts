import type { Case } from '../helpers.js';
import { bad, docs, good, table } from '../helpers.js';
import { role } from '../rbac-helpers.js';

const on = (c: Case): Case => ({ ...c, enable: ['K8S-RBAC-NETWORKING'] });

export default table('K8S-RBAC-NETWORKING', [
  on({ ...bad('create services', docs(role([{ apiGroups: [''], resources: ['services'], verbs: ['create'] }], 'r', 'Role'))), aliases: ['KSV-0056'] }),
  on(bad('delete networkpolicies', docs(role([{ apiGroups: ['networking.k8s.io'], resources: ['networkpolicies'], verbs: ['delete'] }])))),
  on(good('read ingresses', docs(role([{ apiGroups: ['networking.k8s.io'], resources: ['ingresses'], verbs: ['get', 'watch'] }])))),
  good('optional: off unless enabled', docs(role([{ apiGroups: [''], resources: ['services'], verbs: ['create'] }]))),
]);
