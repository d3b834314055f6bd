import { CHANGE_VERBS, grantsNamed, namesLiterally, roleRuleCheck } from '../rbac.js';

const WEBHOOKS = ['mutatingwebhookconfigurations', 'validatingwebhookconfigurations'];

export const check = roleRuleCheck({
  id: 'K8S-RBAC-WEBHOOKS',
  severity: 'error',
  title: 'Role can create or change admission webhooks',
  aliases: ['KSV-0114'],
  helpUri: 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#control-admission-webhooks',
  grants: (r) => grantsNamed(r, WEBHOOKS, [...CHANGE_VERBS, 'impersonate']),
  trivy: (r) => (namesLiterally(r, WEBHOOKS, [...CHANGE_VERBS, 'impersonate', '*']) ? ['KSV-0114'] : []),
  what: (r) => `create or change ${r.resources.filter((x) => WEBHOOKS.includes(x)).join(', ')} (see, rewrite or block every object sent to the API)`,
});
