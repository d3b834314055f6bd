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
