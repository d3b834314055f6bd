import { describe, withTrivy } from '../model.js';
import { CHANGE_VERBS, ROLE_KINDS, grants, isBuiltinRole, namesLiterally, rbacAliases, rulesOf } from '../rbac.js';
import type { PolicyRule } from '../rbac.js';
import type { K8sCheck, K8sIssue } from '../types.js';

/** exec/attach open a websocket with GET, so get is as good as create. */
export const EXEC_VERBS = ['create', 'get'];

/**
 * Trivy, as written: KSV-0053 is a change verb (not get) on pods/exec; KSV-0054 is create on pods/attach (apiGroups
 * "*") followed by a rule that gets pods (apiGroups "*").
 */
function trivyVerdicts(r: PolicyRule, rules: PolicyRule[]): string[] {
  const out: string[] = [];
  if (namesLiterally(r, ['pods/exec'], [...CHANGE_VERBS, 'impersonate', '*'])) out.push('KSV-0053');
  const attach = r.apiGroups.includes('*') && r.resources.includes('pods/attach') && r.verbs.includes('create');
  if (attach && rules.some((b) => b.index > r.index && b.apiGroups.includes('*') && b.resources.includes('pods') && b.verbs.includes('get'))) out.push('KSV-0054');
  return out;
}

export const check: K8sCheck = {
  id: 'K8S-RBAC-EXEC',
  severity: 'error',
  title: 'Role allows exec or attach into pods',
  aliases: ['KSV-0053', 'KSV-0054', 'CKV2_K8S_2', 'polaris:clusterrolePodExecAttach', 'polaris:rolePodExecAttach'],
  check: (ctx) => {
    const out: K8sIssue[] = [];
    for (const o of ctx.objects) {
      if (!ROLE_KINDS.has(o.kind) || isBuiltinRole(o.name)) continue;
      const rules = rulesOf(o);
      for (const r of rules) {
        const what = ['pods/exec', 'pods/attach'].filter((res) => grants(r, res, EXEC_VERBS));
        if (what.length) out.push({ object: o, path: ['rules', r.index], aliases: withTrivy(rbacAliases(check.aliases, o), trivyVerdicts(r, rules)), message: `${describe(o)} allows ${what.join(' and ')}: a shell in any pod it can reach` });
      }
    }
    return out;
  },
};
