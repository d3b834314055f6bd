import { bad, docs, good, table } from '../helpers.js';
import { role } from '../rbac-helpers.js';

export default table('K8S-RBAC-EXEC', [
  bad('create pods/exec', docs(role([{ apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] }]))),
  bad('get pods/attach (websocket)', docs(role([{ apiGroups: [''], resources: ['pods/attach'], verbs: ['get'] }], 'r', 'Role'))),
  bad('pods/* with verb wildcard', docs(role([{ apiGroups: [''], resources: ['pods/*'], verbs: ['*'] }]))),
  bad('api group wildcard', docs(role([{ apiGroups: ['*'], resources: ['pods/exec'], verbs: ['create'] }]))),
  // Trivy, as written: KSV-0053 a change verb (not get) on pods/exec; KSV-0054 create pods/attach then get pods, apiGroups "*".
  { ...bad('create pods/exec: KSV-0053', docs(role([{ apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] }], 'r', 'Role'))), aliases: ['KSV-0053', 'CKV2_K8S_2', 'polaris:rolePodExecAttach'] },
  { ...bad('get pods/exec: ours only', docs(role([{ apiGroups: [''], resources: ['pods/exec'], verbs: ['get'] }], 'r', 'Role'))), aliases: ['CKV2_K8S_2', 'polaris:rolePodExecAttach'] },
  { ...bad('attach then get pods: KSV-0054', docs(role([{ apiGroups: ['*'], resources: ['pods/attach'], verbs: ['create'] }, { apiGroups: ['*'], resources: ['pods'], verbs: ['get'] }], 'r', 'Role'))), aliases: ['KSV-0054', 'CKV2_K8S_2', 'polaris:rolePodExecAttach'] },
  good('list pods/exec is harmless', docs(role([{ apiGroups: [''], resources: ['pods/exec'], verbs: ['list'] }]))),
  good('pods without subresources', docs(role([{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'create'] }]))),
  good('another api group', docs(role([{ apiGroups: ['apps'], resources: ['pods/exec'], verbs: ['create'] }]))),
]);
