import { bad, docs, good, table } from '../helpers.js';
import { role } from '../rbac-helpers.js';

export default table('K8S-RBAC-WILDCARD', [
  bad('verbs *', docs(role([{ apiGroups: [''], resources: ['pods'], verbs: ['*'] }]))),
  bad('resources *', docs(role([{ apiGroups: ['apps'], resources: ['*'], verbs: ['get'] }]))),
  bad('two wildcard rules', docs(role([{ apiGroups: [''], resources: ['*'], verbs: ['*'] }, { apiGroups: [''], resources: ['pods'], verbs: ['*'] }])), 2),
  good('explicit verbs and resources', docs(role([{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }]))),
  good('the built-in cluster-admin definition', docs(role([{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }], 'cluster-admin'))),
]);
