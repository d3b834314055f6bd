import { bad, docs, good, table } from '../helpers.js';
import { role } from '../rbac-helpers.js';

const ADM = 'admissionregistration.k8s.io';

export default table('K8S-RBAC-WEBHOOKS', [
  { ...bad('create mutating webhooks', docs(role([{ apiGroups: [ADM], resources: ['mutatingwebhookconfigurations'], verbs: ['create'] }]))), aliases: ['KSV-0114'] },
  bad('every verb on validating webhooks', docs(role([{ apiGroups: [ADM], resources: ['validatingwebhookconfigurations'], verbs: ['*'] }]))),
  good('read webhooks', docs(role([{ apiGroups: [ADM], resources: ['mutatingwebhookconfigurations', 'validatingwebhookconfigurations'], verbs: ['get', 'list'] }]))),
]);
