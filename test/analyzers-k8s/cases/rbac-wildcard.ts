import { bad, docs, good, table } from '../helpers.js';
import { role } from '../rbac-helpers.js';

export default table('K8S-RBAC-WILDCARD', [
  bad('verbs *', docs(role([{ apiGroups: [''], resources: ['pods'], verbs: ['*'] }]))),
  bad('resources *', docs(role([{ apiGroups: ['apps'], resources: ['*'], verbs: ['get'] }]))),
  bad('two wildcard rules', docs(role([{ apiGroups: [''], resources: ['*'], verbs: ['*'] }, { apiGroups: [''], resources: ['pods'], verbs: ['*'] }])), 2),
  // Trivy, as written: KSV-0044 all three "*", KSV-0045 "*" verbs on its resources, KSV-0046 (ClusterRole) / KSV-0112 (Role) "*" resources.
  { ...bad('everything: KSV-0044, KSV-0046', docs(role([{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }]))), aliases: ['KSV-0044', 'KSV-0046', 'CKV_K8S_49'] },
  { ...bad('"*" verbs on secrets: KSV-0045', docs(role([{ apiGroups: [''], resources: ['secrets'], verbs: ['*'] }]))), aliases: ['KSV-0045', 'CKV_K8S_49'] },
  { ...bad('"*" resources in a Role: KSV-0112', docs(role([{ apiGroups: [''], resources: ['*'], verbs: ['list'] }], 'r', 'Role'))), aliases: ['KSV-0112', 'CKV_K8S_49'] },
  { ...bad('"*" verbs on configmaps: no Trivy id', docs(role([{ apiGroups: [''], resources: ['configmaps'], verbs: ['*'] }]))), aliases: ['CKV_K8S_49'] },
  good('explicit verbs and resources', docs(role([{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }]))),
  good('the built-in cluster-admin definition', docs(role([{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }], 'cluster-admin'))),
]);
