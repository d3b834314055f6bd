import { bad, docs, good, table } from '../helpers.js';
import { role } from '../rbac-helpers.js';

export default table('K8S-RBAC-SECRETS', [
  bad('get secrets', docs(role([{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list'] }]))),
  bad('resource wildcard covers secrets', docs(role([{ apiGroups: [''], resources: ['*'], verbs: ['watch'] }]))),
  good('limited by resourceNames', docs(role([{ apiGroups: [''], resources: ['secrets'], verbs: ['get'], resourceNames: ['app-tls'] }]))),
  good('configmaps only', docs(role([{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }]))),
]);
