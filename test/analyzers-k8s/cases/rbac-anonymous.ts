import { bad, docs, good, table } from '../helpers.js';
import { binding } from '../rbac-helpers.js';

export default table('K8S-RBAC-ANONYMOUS', [
  bad('system:anonymous', docs(binding('view', { subjects: [{ kind: 'User', name: 'system:anonymous' }] }))),
  bad('system:unauthenticated and system:masters', docs(binding('view', { subjects: [{ kind: 'Group', name: 'system:unauthenticated' }, { kind: 'Group', name: 'system:masters' }] })), 2),
  good('a service account', docs(binding('view'))),
]);
