import { describe, withTrivy } from '../model.js';
import { ROLE_KINDS, isBuiltinRole, namesLiterally, rulesOf } from '../rbac.js';
import type { PolicyRule } from '../rbac.js';
import type { K8sCheck, K8sIssue } from '../types.js';

/** Resources Trivy's KSV-0045 watches for a `*` verb. */
const TRIVY_SENSITIVE = ['secrets', 'pods', 'deployments', 'daemonsets', 'statefulsets', 'replicationcontrollers', 'replicasets', 'cronjobs', 'jobs', 'roles', 'clusterroles', 'rolebindings', 'clusterrolebindings', 'users', 'groups'];
const TRIVY_ALL_RESOURCE_VERBS = ['create', 'update', 'delete', 'deletecollection', 'impersonate', '*', 'list', 'get'];

/**
 * Trivy's wildcard checks, as written: KSV-0044 `*` group, resource and verb; KSV-0045 a `*` verb on one of its
 * resources; KSV-0046 (ClusterRole) and KSV-0112 (Role) a `*` resource with one of its verbs.
 */
function trivyVerdicts(r: PolicyRule, kind: string): string[] {
  const out: string[] = [];
  if (r.apiGroups.includes('*') && r.resources.includes('*') && r.verbs.includes('*')) out.push('KSV-0044');
  if (namesLiterally(r, TRIVY_SENSITIVE, ['*'])) out.push('KSV-0045');
  if (namesLiterally(r, ['*'], TRIVY_ALL_RESOURCE_VERBS)) out.push(kind === 'ClusterRole' ? 'KSV-0046' : 'KSV-0112');
  return out;
}

export const check: K8sCheck = {
  id: 'K8S-RBAC-WILDCARD',
  severity: 'error',
  title: 'RBAC rule with wildcard verbs or resources',
  aliases: ['KSV-0044', 'KSV-0045', 'KSV-0046', 'KSV-0112', 'CKV_K8S_49'],
  helpUri: 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/',
  check: (ctx) => {
    const out: K8sIssue[] = [];
    for (const o of ctx.objects) {
      if (!ROLE_KINDS.has(o.kind) || isBuiltinRole(o.name)) continue;
      for (const r of rulesOf(o)) {
        const wild = (['verbs', 'resources'] as const).filter((f) => r[f].includes('*'));
        if (wild.length) out.push({ object: o, path: ['rules', r.index, wild[0]], aliases: withTrivy(check.aliases, trivyVerdicts(r, o.kind)), message: `${describe(o)} rule ${r.index + 1} grants "*" ${wild.join(' and ')}: list what is needed` });
      }
    }
    return out;
  },
};
