import { bad, docs, good, table } from '../helpers.js';
import { role } from '../rbac-helpers.js';

export default table('K8S-RBAC-IMPERSONATE', [
  // Trivy's KSV-0043: apiGroups "*", groups, impersonate, as written.
  { ...bad('impersonate groups, any api group', docs(role([{ apiGroups: ['*'], resources: ['groups'], verbs: ['impersonate'] }]))), aliases: ['KSV-0043'] },
  { ...bad('impersonate users in the core group: ours, not Trivy\'s', docs(role([{ apiGroups: [''], resources: ['users'], verbs: ['impersonate'] }], 'r', 'Role'))), aliases: [] },
  bad('every verb on service accounts', docs(role([{ apiGroups: [''], resources: ['serviceaccounts'], verbs: ['*'] }]))),
  good('impersonate in another api group grants nothing', docs(role([{ apiGroups: ['example.com'], resources: ['groups'], verbs: ['impersonate'] }]))),
  good('read users', docs(role([{ apiGroups: [''], resources: ['users'], verbs: ['get'] }]))),
]);
