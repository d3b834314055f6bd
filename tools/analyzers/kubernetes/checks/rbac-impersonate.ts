import { roleRuleCheck } from '../rbac.js';

/** Who can be impersonated (core API group). */
const IDENTITIES = ['users', 'groups', 'serviceaccounts'];

export const check = roleRuleCheck({
  id: 'K8S-RBAC-IMPERSONATE',
  severity: 'error',
  title: 'Role can impersonate users, groups or service accounts',
  aliases: ['KSV-0043'],
  helpUri: 'https://kubernetes.io/docs/reference/access-authn-authz/authentication/#user-impersonation',
  grants: (r) => r.apiGroups.some((g) => g === '' || g === '*') && r.resources.some((x) => x === '*' || IDENTITIES.includes(x)) && r.verbs.some((v) => v === '*' || v === 'impersonate'),
  // Trivy's KSV-0043: apiGroups "*", resources "groups", verb "impersonate", as written.
  trivy: (r) => (r.apiGroups.includes('*') && r.resources.includes('groups') && r.verbs.includes('impersonate') ? ['KSV-0043'] : []),
  what: (r) => `impersonate ${r.resources.filter((x) => x === '*' || IDENTITIES.includes(x)).join(', ')} (and so act as system:masters or any other identity)`,
});
