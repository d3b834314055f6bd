import type { Case } from '../helpers.js';
import { bad, docs, good, table } from '../helpers.js';
import { role } from '../rbac-helpers.js';

const on = (c: Case): Case => ({ ...c, enable: ['K8S-RBAC-WORKLOADS'] });

export default table('K8S-RBAC-WORKLOADS', [
  on({ ...bad('create deployments', docs(role([{ apiGroups: ['apps'], resources: ['deployments'], verbs: ['create'] }], 'r', 'Role'))), aliases: ['KSV-0048'] }),
  on(bad('patch cronjobs', docs(role([{ apiGroups: ['batch'], resources: ['cronjobs'], verbs: ['patch'] }])))),
  on(good('read pods', docs(role([{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }])))),
  on(good('change services', docs(role([{ apiGroups: [''], resources: ['services'], verbs: ['create'] }])))),
  good('optional: off unless enabled', docs(role([{ apiGroups: [''], resources: ['pods'], verbs: ['create'] }]))),
]);
