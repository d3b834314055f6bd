import type { Case } from '../helpers.js';
import { bad, docs, good, table } from '../helpers.js';
import { role } from '../rbac-helpers.js';

const on = (c: Case): Case => ({ ...c, enable: ['K8S-RBAC-POD-LOGS'] });

export default table('K8S-RBAC-POD-LOGS', [
  on({ ...bad('delete pods/log', docs(role([{ apiGroups: [''], resources: ['pods/log'], verbs: ['delete'] }]))), aliases: ['KSV-0042'] }),
  on(bad('every verb on pods/log', docs(role([{ apiGroups: [''], resources: ['pods/log'], verbs: ['*'] }], 'r', 'Role')))),
  on(good('read pods/log', docs(role([{ apiGroups: [''], resources: ['pods/log'], verbs: ['get', 'list'] }])))),
  on(good('delete pods', docs(role([{ apiGroups: [''], resources: ['pods'], verbs: ['delete'] }])))),
  good('optional: off unless enabled', docs(role([{ apiGroups: [''], resources: ['pods/log'], verbs: ['delete'] }]))),
]);
