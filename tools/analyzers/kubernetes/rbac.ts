import { describe, isRecord, withTrivy } from './model.js';
import type { Json, K8sCheck, K8sContext, K8sIssue, K8sObject } from './types.js';

export const ROLE_KINDS = new Set(['Role', 'ClusterRole']);
export const BINDING_KINDS = new Set(['RoleBinding', 'ClusterRoleBinding']);

export interface PolicyRule {
  index: number;
  apiGroups: string[];
  resources: string[];
  verbs: string[];
  resourceNames: string[];
}

export function rulesOf(role: K8sObject): PolicyRule[] {
  const rules = Array.isArray(role.value.rules) ? role.value.rules : [];
  const list = (v: Json): string[] => (Array.isArray(v) ? v.map(String) : []);
  return rules.flatMap((r: Json, index: number) =>
    isRecord(r) ? [{ index, apiGroups: list(r.apiGroups), resources: list(r.resources), verbs: list(r.verbs), resourceNames: list(r.resourceNames) }] : [],
  );
}

/** Whether a rule grants one of `verbs` on `resource` (`pods/exec` style) in the core group. */
export function grants(rule: PolicyRule, resource: string, verbs: readonly string[]): boolean {
  const group = rule.apiGroups.some((g) => g === '' || g === '*');
  const [base] = resource.split('/');
  const res = rule.resources.some((r) => r === '*' || r === resource || (resource.includes('/') && r === `${base}/*`));
  const verb = rule.verbs.some((v) => v === '*' || verbs.includes(v));
  return group && res && verb;
}

/** Roles Kubernetes creates itself: they are not the manifest author's to fix. */
export function isBuiltinRole(name: string): boolean {
  return name.startsWith('system:') || ['cluster-admin', 'admin', 'edit', 'view'].includes(name);
}

/** The Role/ClusterRole a binding refers to, when it is among the analyzed objects. */
export function roleOfBinding(ctx: K8sContext, binding: K8sObject): K8sObject | undefined {
  const ref = binding.value.roleRef;
  if (!isRecord(ref)) return undefined;
  if (ref.kind === 'ClusterRole') return ctx.objects.find((o) => o.kind === 'ClusterRole' && o.name === ref.name);
  return ctx.ofKind(String(ref.kind), binding.namespace).find((o) => o.name === ref.name);
}

export function subjectsOf(binding: K8sObject): { kind: string; name: string; index: number }[] {
  const subjects = Array.isArray(binding.value.subjects) ? binding.value.subjects : [];
  return subjects.flatMap((s: Json, index: number) => (isRecord(s) ? [{ kind: String(s.kind ?? ''), name: String(s.name ?? ''), index }] : []));
}

/** What each Polaris RBAC check looks at: the object's kind, and for a RoleBinding the kind it refers to. */
const POLARIS_RBAC_TARGETS: Readonly<Record<string, string>> = {
  clusterrolebindingClusterAdmin: 'ClusterRoleBinding',
  clusterrolebindingPodExecAttach: 'ClusterRoleBinding',
  rolebindingClusterAdminClusterRole: 'RoleBinding>ClusterRole',
  rolebindingClusterRolePodExecAttach: 'RoleBinding>ClusterRole',
  rolebindingClusterAdminRole: 'RoleBinding>Role',
  rolebindingRolePodExecAttach: 'RoleBinding>Role',
  clusterrolePodExecAttach: 'ClusterRole',
  rolePodExecAttach: 'Role',
};

/** Objects Polaris leaves alone by name: Kubernetes' own (`system:`), GKE's calico binding, and the default roles. */
function polarisExempt(o: K8sObject): boolean {
  if (o.name.startsWith('system:') || o.name === 'gce:podsecuritypolicy:calico-sa') return true;
  if (o.kind === 'ClusterRoleBinding') return o.name === 'cluster-admin';
  if (o.kind === 'ClusterRole') return ['admin', 'cluster-admin', 'edit'].includes(o.name);
  return false;
}

/**
 * A finding's aliases for an RBAC object: Polaris has one check per kind (and per kind of role a RoleBinding refers
 * to) and skips default objects by name, so only the Polaris check that looks at this object stays.
 */
export function rbacAliases(aliases: readonly string[], o: K8sObject): string[] {
  const ref = isRecord(o.value.roleRef) ? String(o.value.roleRef.kind) : '';
  const target = o.kind === 'RoleBinding' ? `RoleBinding>${ref}` : o.kind;
  return aliases.filter((a) => !a.startsWith('polaris:') || (!polarisExempt(o) && POLARIS_RBAC_TARGETS[a.slice('polaris:'.length)] === target));
}

/**
 * Whether a rule names one of `resources` and one of `verbs` as written. Trivy's RBAC checks compare this way (a
 * `*` verb counts only when Trivy lists it, a `*` resource never): `verbs` should then include `*` where Trivy's does.
 */
export function namesLiterally(rule: PolicyRule, resources: readonly string[], verbs: readonly string[]): boolean {
  return rule.resources.some((r) => resources.includes(r)) && rule.verbs.some((v) => verbs.includes(v));
}

/** Whether a rule grants one of `verbs` (or `*`) on one of `resources` named in it (a `*` resource is K8S-RBAC-WILDCARD's). */
export function grantsNamed(rule: PolicyRule, resources: readonly string[], verbs: readonly string[]): boolean {
  return rule.resources.some((r) => resources.includes(r)) && rule.verbs.some((v) => v === '*' || verbs.includes(v));
}

/** The verbs that change objects. */
export const CHANGE_VERBS = ['create', 'update', 'patch', 'delete', 'deletecollection'];

/** A check of single Role/ClusterRole rules (Kubernetes' own roles are left out). */
export interface RoleRuleSpec extends Omit<K8sCheck, 'check'> {
  /** Whether the rule grants what the check is about. */
  grants(rule: PolicyRule, role: K8sObject): boolean;
  /** The Trivy checks (KSV ids among the aliases) whose verdict this rule also is. */
  trivy(rule: PolicyRule, role: K8sObject): string[];
  /** What the rule lets the role's subjects do (`delete pod logs`). */
  what(rule: PolicyRule): string;
}

export function roleRuleCheck(spec: RoleRuleSpec): K8sCheck {
  const { grants, trivy, what, ...info } = spec;
  const check: K8sCheck = {
    ...info,
    check: (ctx) => {
      const out: K8sIssue[] = [];
      for (const o of ctx.objects) {
        if (!ROLE_KINDS.has(o.kind) || isBuiltinRole(o.name)) continue;
        for (const r of rulesOf(o)) {
          if (grants(r, o)) out.push({ object: o, path: ['rules', r.index], message: `${describe(o)} rule ${r.index + 1} lets its subjects ${what(r)}`, aliases: withTrivy(check.aliases, trivy(r, o)) });
        }
      }
      return out;
    },
  };
  return check;
}
