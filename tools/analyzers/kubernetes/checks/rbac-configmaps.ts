import { CHANGE_VERBS, grantsNamed, namesLiterally, roleRuleCheck } from '../rbac.js';

export const check = roleRuleCheck({
  id: 'K8S-RBAC-CONFIGMAPS',
  severity: 'info',
  title: 'Role can create or change ConfigMaps',
  aliases: ['KSV-0049'],
  // Common and often needed; Trivy reports it by default. aws-auth is K8S-RBAC-AWS-AUTH's (default).
  optional: true,
  grants: (r) => grantsNamed(r, ['configmaps'], [...CHANGE_VERBS, 'impersonate']),
  trivy: (r) => (namesLiterally(r, ['configmaps'], [...CHANGE_VERBS, 'impersonate', '*']) ? ['KSV-0049'] : []),
  what: () => 'create or change ConfigMaps (the configuration other workloads run with)',
});
