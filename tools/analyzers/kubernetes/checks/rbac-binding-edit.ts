import { roleRuleCheck } from '../rbac.js';

const BINDINGS = ['rolebindings', 'clusterrolebindings'];

export const check = roleRuleCheck({
  id: 'K8S-RBAC-BINDING-EDIT',
  severity: 'info',
  title: 'Role can change role bindings (add subjects to them)',
  aliases: ['KSV-0055'],
  // Needed by whoever manages access; Trivy reports it (get and patch) by default.
  optional: true,
  grants: (r) => r.resources.some((x) => BINDINGS.includes(x)) && r.verbs.some((v) => v === '*' || v === 'patch' || v === 'update'),
  // Trivy's KSV-0055: apiGroups "*", resource rolebindings, verbs get and patch, as written.
  trivy: (r) => (r.apiGroups.includes('*') && r.resources.includes('rolebindings') && r.verbs.includes('get') && r.verbs.includes('patch') ? ['KSV-0055'] : []),
  what: (r) => `change ${r.resources.filter((x) => BINDINGS.includes(x)).join(', ')}, adding other users to the roles they bind`,
});
