import { bad, docs, good, table } from '../helpers.js';
import { role } from '../rbac-helpers.js';

export default table('K8S-RBAC-EXEC', [
  bad('create pods/exec', docs(role([{ apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] }]))),
  bad('get pods/attach (websocket)', docs(role([{ apiGroups: [''], resources: ['pods/attach'], verbs: ['get'] }], 'r', 'Role'))),
  bad('pods/* with verb wildcard', docs(role([{ apiGroups: [''], resources: ['pods/*'], verbs: ['*'] }]))),
  bad('api group wildcard', docs(role([{ apiGroups: ['*'], resources: ['pods/exec'], verbs: ['create'] }]))),
  good('list pods/exec is harmless', docs(role([{ apiGroups: [''], resources: ['pods/exec'], verbs: ['list'] }]))),
  good('pods without subresources', docs(role([{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'create'] }]))),
  good('another api group', docs(role([{ apiGroups: ['apps'], resources: ['pods/exec'], verbs: ['create'] }]))),
]);
