import { describe } from '../model.js';
import { BINDING_KINDS, grants, rbacAliases, roleOfBinding, rulesOf, subjectsOf } from '../rbac.js';
import type { K8sCheck, K8sIssue } from '../types.js';
import { EXEC_VERBS } from './rbac-exec.js';

export const check: K8sCheck = {
  id: 'K8S-RBAC-EXEC-BINDING',
  severity: 'error',
  title: 'Binding grants exec or attach into pods',
  aliases: ['CKV2_K8S_2', 'polaris:clusterrolebindingPodExecAttach', 'polaris:rolebindingClusterRolePodExecAttach', 'polaris:rolebindingRolePodExecAttach'],
  check: (ctx) => {
    const out: K8sIssue[] = [];
    for (const o of ctx.objects) {
      if (!BINDING_KINDS.has(o.kind) || o.name.startsWith('system:')) continue;
      // Kubernetes' own bindings (to system: users and groups) are not the manifest author's to fix.
      const subjects = subjectsOf(o);
      if (subjects.length > 0 && subjects.every((s) => s.name.startsWith('system:'))) continue;
      const role = roleOfBinding(ctx, o);
      if (!role) continue;
      if (rulesOf(role).some((r) => grants(r, 'pods/exec', EXEC_VERBS) || grants(r, 'pods/attach', EXEC_VERBS))) {
        out.push({ object: o, path: ['roleRef', 'name'], aliases: rbacAliases(check.aliases, o), message: `${describe(o)} binds ${describe(role)}, which allows exec/attach into pods` });
      }
    }
    return out;
  },
};
