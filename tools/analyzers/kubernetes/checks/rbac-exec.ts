import { describe } from '../model.js';
import { ROLE_KINDS, grants, isBuiltinRole, rbacAliases, rulesOf } from '../rbac.js';
import type { K8sCheck, K8sIssue } from '../types.js';

/** exec/attach open a websocket with GET, so get is as good as create. */
export const EXEC_VERBS = ['create', 'get'];

export const check: K8sCheck = {
  id: 'K8S-RBAC-EXEC',
  severity: 'error',
  title: 'Role allows exec or attach into pods',
  aliases: ['KSV-0053', 'KSV-0054', 'CKV2_K8S_2', 'polaris:clusterrolePodExecAttach', 'polaris:rolePodExecAttach'],
  check: (ctx) => {
    const out: K8sIssue[] = [];
    for (const o of ctx.objects) {
      if (!ROLE_KINDS.has(o.kind) || isBuiltinRole(o.name)) continue;
      for (const r of rulesOf(o)) {
        const what = ['pods/exec', 'pods/attach'].filter((res) => grants(r, res, EXEC_VERBS));
        if (what.length) out.push({ object: o, path: ['rules', r.index], aliases: rbacAliases(check.aliases, o), message: `${describe(o)} allows ${what.join(' and ')}: a shell in any pod it can reach` });
      }
    }
    return out;
  },
};
