import { grantsNamed, namesLiterally, roleRuleCheck } from '../rbac.js';

export const check = roleRuleCheck({
  id: 'K8S-RBAC-POD-LOGS',
  severity: 'info',
  title: 'Role can delete pod logs',
  aliases: ['KSV-0042'],
  // Whether erasing logs matters depends on where logs are kept; Trivy reports it by default.
  optional: true,
  grants: (r) => grantsNamed(r, ['pods/log'], ['delete', 'deletecollection']),
  trivy: (r) => (namesLiterally(r, ['pods/log'], ['delete', 'deletecollection', '*']) ? ['KSV-0042'] : []),
  what: () => 'delete pod logs (and so hide what they did)',
});
