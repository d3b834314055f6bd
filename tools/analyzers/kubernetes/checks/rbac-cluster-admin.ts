import { describe, withTrivy } from '../model.js';
import { BINDING_KINDS, rbacAliases, roleOfBinding, rulesOf, subjectsOf } from '../rbac.js';
import type { K8sCheck, K8sIssue } from '../types.js';

/** The verbs that together amount to full control (spelled out, or `*`). */
const FULL_CONTROL_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];

function grantsEveryVerb(verbs: string[]): boolean {
  return verbs.includes('*') || FULL_CONTROL_VERBS.every((v) => verbs.includes(v));
}

export const check: K8sCheck = {
  id: 'K8S-RBAC-CLUSTER-ADMIN',
  severity: 'error',
  title: 'Binding to cluster-admin (or an equivalent role)',
  aliases: ['polaris:clusterrolebindingClusterAdmin', 'polaris:rolebindingClusterAdminClusterRole', 'polaris:rolebindingClusterAdminRole', 'CKV2_K8S_1', 'KSV-0111'],
  check: (ctx) => {
    const out: K8sIssue[] = [];
    for (const o of ctx.objects) {
      if (!BINDING_KINDS.has(o.kind) || o.name.startsWith('system:')) continue;
      if (subjectsOf(o).length > 0 && subjectsOf(o).every((s) => s.name.startsWith('system:'))) continue;
      const refName = o.value.roleRef?.name;
      const role = roleOfBinding(ctx, o);
      const allPowerful = role !== undefined && rulesOf(role).some((r) => r.resources.includes('*') && r.apiGroups.includes('*') && grantsEveryVerb(r.verbs));
      if (refName === 'cluster-admin' || allPowerful) {
        out.push({ object: o, path: ['roleRef', 'name'], aliases: withTrivy(rbacAliases(check.aliases, o), refName === 'cluster-admin' ? ['KSV-0111'] : []), message: `${describe(o)} grants ${refName === 'cluster-admin' ? 'cluster-admin' : `${describe(role!)} (every verb on every resource)`}: full control of the ${o.kind === 'ClusterRoleBinding' ? 'cluster' : 'namespace'}` });
      }
    }
    return out;
  },
};
