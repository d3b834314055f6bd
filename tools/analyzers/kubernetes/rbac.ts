import { isRecord } from './model.js';
import type { Json, K8sContext, K8sObject } from './types.js';

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
