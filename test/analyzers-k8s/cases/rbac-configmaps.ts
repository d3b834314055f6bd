import type { Case } from '../helpers.js';
import { bad, docs, good, table } from '../helpers.js';
import { role } from '../rbac-helpers.js';

const on = (c: Case): Case => ({ ...c, enable: ['K8S-RBAC-CONFIGMAPS'] });

export default table('K8S-RBAC-CONFIGMAPS', [
  on({ ...bad('update configmaps', docs(role([{ apiGroups: [''], resources: ['configmaps'], verbs: ['update'] }], 'r', 'Role'))), aliases: ['KSV-0049'] }),
  on(bad('every verb on configmaps', docs(role([{ apiGroups: [''], resources: ['configmaps'], verbs: ['*'] }])))),
  on(good('read configmaps', docs(role([{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list'] }])))),
  good('optional: off unless enabled', docs(role([{ apiGroups: [''], resources: ['configmaps'], verbs: ['update'] }]))),
]);
