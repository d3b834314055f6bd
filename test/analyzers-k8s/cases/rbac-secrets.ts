import { bad, docs, good, table } from '../helpers.js';
import { role } from '../rbac-helpers.js';

export default table('K8S-RBAC-SECRETS', [
  bad('get secrets', docs(role([{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list'] }]))),
  bad('resource wildcard covers secrets', docs(role([{ apiGroups: [''], resources: ['*'], verbs: ['watch'] }]))),
  // Trivy names secrets as written: KSV-0041 for a ClusterRole, KSV-0113 for a Role.
  { ...bad('ClusterRole: KSV-0041', docs(role([{ apiGroups: [''], resources: ['secrets'], verbs: ['deletecollection'] }]))), aliases: ['KSV-0041', 'CKV2_K8S_5'] },
  { ...bad('Role: KSV-0113', docs(role([{ apiGroups: [''], resources: ['secrets'], verbs: ['watch'] }], 'r', 'Role'))), aliases: ['KSV-0113', 'CKV2_K8S_5'] },
  { ...bad('"*" resources: ours, not Trivy\'s', docs(role([{ apiGroups: [''], resources: ['*'], verbs: ['get'] }]))), aliases: ['CKV2_K8S_5'] },
  good('limited by resourceNames', docs(role([{ apiGroups: [''], resources: ['secrets'], verbs: ['get'], resourceNames: ['app-tls'] }]))),
  good('configmaps only', docs(role([{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }]))),
]);
