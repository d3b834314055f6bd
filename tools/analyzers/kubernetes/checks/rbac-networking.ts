import { CHANGE_VERBS, grantsNamed, namesLiterally, roleRuleCheck } from '../rbac.js';

const NETWORKING = ['services', 'endpoints', 'endpointslices', 'networkpolicies', 'ingresses'];

export const check = roleRuleCheck({
  id: 'K8S-RBAC-NETWORKING',
  severity: 'info',
  title: 'Role can create or change Services, endpoints, NetworkPolicies or Ingresses',
  aliases: ['KSV-0056'],
  // Every deployer of a service needs some of this; Trivy reports it by default.
  optional: true,
  grants: (r) => grantsNamed(r, NETWORKING, [...CHANGE_VERBS, 'impersonate']),
  trivy: (r) => (namesLiterally(r, NETWORKING, [...CHANGE_VERBS, 'impersonate', '*']) ? ['KSV-0056'] : []),
  what: (r) => `create or change ${r.resources.filter((x) => NETWORKING.includes(x)).join(', ')} (redirect or open traffic)`,
});
