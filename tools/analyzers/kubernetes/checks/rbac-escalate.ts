import { namesLiterally, roleRuleCheck } from '../rbac.js';

const ROLES = ['roles', 'clusterroles'];
const BINDINGS = ['rolebindings', 'clusterrolebindings'];
/** escalate: grant more than one holds; bind: bind roles one does not hold. (impersonate grants nothing on these, Trivy counts it.) */
const VERBS = ['escalate', 'bind', 'impersonate'];

export const check = roleRuleCheck({
  id: 'K8S-RBAC-ESCALATE',
  severity: 'error',
  title: 'Role can escalate through roles or role bindings (escalate, bind, or every verb)',
  aliases: ['KSV-0050'],
  helpUri: 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#escalate-verb',
  grants: (r) => r.resources.some((x) => ROLES.includes(x) || BINDINGS.includes(x)) && r.verbs.some((v) => v === '*' || VERBS.includes(v)),
  // Trivy's KSV-0050 names roles and rolebindings only.
  trivy: (r) => (namesLiterally(r, ['roles', 'rolebindings'], [...VERBS, '*']) ? ['KSV-0050'] : []),
  what: (r) => `${r.verbs.filter((v) => v === '*' || VERBS.includes(v)).join(', ')} ${r.resources.filter((x) => ROLES.includes(x) || BINDINGS.includes(x)).join(', ')}: RBAC's guard against granting more than one holds does not apply`,
});
