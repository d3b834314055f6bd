import { bad, docs, good, table } from '../helpers.js';
import { role } from '../rbac-helpers.js';

export default table('K8S-RBAC-NODE-PROXY', [
  { ...bad('get nodes/proxy', docs(role([{ apiGroups: [''], resources: ['nodes/proxy'], verbs: ['get'] }]))), aliases: ['KSV-0047'] },
  // Trivy's KSV-0047 lists get and create, not "*".
  { ...bad('every verb on nodes/proxy', docs(role([{ apiGroups: [''], resources: ['nodes/proxy'], verbs: ['*'] }]))), aliases: [] },
  good('update nodes/proxy does nothing', docs(role([{ apiGroups: [''], resources: ['nodes/proxy'], verbs: ['update'] }]))),
  good('get nodes', docs(role([{ apiGroups: [''], resources: ['nodes'], verbs: ['get'] }]))),
]);
