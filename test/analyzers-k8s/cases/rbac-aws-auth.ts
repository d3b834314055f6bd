import { bad, docs, good, table } from '../helpers.js';
import { role } from '../rbac-helpers.js';

export default table('K8S-RBAC-AWS-AUTH', [
  { ...bad('patch aws-auth', docs(role([{ apiGroups: [''], resources: ['configmaps'], resourceNames: ['aws-auth'], verbs: ['get', 'patch'] }], 'r', 'Role'))), aliases: ['KSV-0115'] },
  bad('every verb on aws-auth', docs(role([{ apiGroups: [''], resources: ['configmaps'], resourceNames: ['aws-auth'], verbs: ['*'] }]))),
  good('read aws-auth', docs(role([{ apiGroups: [''], resources: ['configmaps'], resourceNames: ['aws-auth'], verbs: ['get'] }]))),
  good('change another ConfigMap', docs(role([{ apiGroups: [''], resources: ['configmaps'], resourceNames: ['app-config'], verbs: ['update'] }]))),
]);
