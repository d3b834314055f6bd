import { describe, withTrivy } from '../model.js';
import { ROLE_KINDS, isBuiltinRole, rulesOf } from '../rbac.js';
import type { PolicyRule } from '../rbac.js';
import type { K8sCheck, K8sIssue } from '../types.js';

const RBAC_GROUP = 'rbac.authorization.k8s.io';
const inGroup = (r: PolicyRule) => r.apiGroups.some((g) => g === RBAC_GROUP || g === '*');
const verb = (r: PolicyRule, v: string) => r.verbs.some((x) => x === v || x === '*');

/** A rule that creates role bindings (of `kinds`). */
const createsBindings = (r: PolicyRule, kinds: readonly string[]) => inGroup(r) && r.resources.some((x) => kinds.includes(x)) && verb(r, 'create');
/**
 * A rule that binds any role: `bind` on roles or clusterroles without resourceNames (or with `*`, which Kubernetes
 * reads as a role named "*", though the author meant all).
 */
const bindsAnyRole = (r: PolicyRule, kinds: readonly string[]) => inGroup(r) && r.resources.some((x) => kinds.includes(x)) && verb(r, 'bind') && (r.resourceNames.length === 0 || r.resourceNames.includes('*'));

/** Trivy's KSV-0051 / KSV-0052: an earlier rule creates the bindings, a later one binds with resourceNames "*", as written. */
function trivyVerdicts(rules: PolicyRule[]): string[] {
  const out: string[] = [];
  const pair = (a: (r: PolicyRule) => boolean, b: (r: PolicyRule) => boolean) => rules.some((r, i) => a(r) && rules.slice(i + 1).some(b));
  const createsLiterally = (r: PolicyRule, res: string) => r.apiGroups.includes(RBAC_GROUP) && r.resources.includes(res) && r.verbs.includes('create');
  const bindsLiterally = (r: PolicyRule, res: readonly string[]) => r.resources.some((x) => res.includes(x)) && r.verbs.includes('bind') && r.resourceNames.includes('*');
  if (pair((r) => createsLiterally(r, 'rolebindings'), (r) => r.apiGroups.includes(RBAC_GROUP) && bindsLiterally(r, ['clusterroles', 'roles']))) out.push('KSV-0051');
  if (pair((r) => createsLiterally(r, 'clusterrolebindings'), (r) => bindsLiterally(r, ['clusterroles']))) out.push('KSV-0052');
  return out;
}

export const check: K8sCheck = {
  id: 'K8S-RBAC-BIND-ANY',
  severity: 'error',
  title: 'Role can create role bindings to any role (create bindings and bind roles)',
  aliases: ['KSV-0051', 'KSV-0052'],
  helpUri: 'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#restrictions-on-role-binding-creation-or-update',
  check: (ctx) => {
    const out: K8sIssue[] = [];
    for (const o of ctx.objects) {
      if (!ROLE_KINDS.has(o.kind) || isBuiltinRole(o.name)) continue;
      const rules = rulesOf(o);
      const bindingKinds = ['rolebindings', 'clusterrolebindings'];
      const creating = rules.find((r) => createsBindings(r, bindingKinds));
      if (!creating || !rules.some((r) => bindsAnyRole(r, ['roles', 'clusterroles']))) continue;
      out.push({
        object: o,
        path: ['rules', creating.index],
        message: `${describe(o)} can create role bindings and bind any role: its subjects can grant themselves (or anyone) every permission, cluster-admin included`,
        aliases: withTrivy(check.aliases, trivyVerdicts(rules)),
      });
    }
    return out;
  },
};
