import { describe } from '../model.js';
import { ROLE_KINDS, isBuiltinRole, rulesOf } from '../rbac.js';
import type { K8sCheck, K8sIssue } from '../types.js';

export const check: K8sCheck = {
  id: 'K8S-RBAC-WILDCARD',
  severity: 'error',
  title: 'RBAC rule with wildcard verbs or resources',
  aliases: ['KSV-0044', 'KSV-0045', 'KSV-0046', 'CKV_K8S_49'],
  helpUri: 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/',
  check: (ctx) => {
    const out: K8sIssue[] = [];
    for (const o of ctx.objects) {
      if (!ROLE_KINDS.has(o.kind) || isBuiltinRole(o.name)) continue;
      for (const r of rulesOf(o)) {
        const wild = (['verbs', 'resources'] as const).filter((f) => r[f].includes('*'));
        if (wild.length) out.push({ object: o, path: ['rules', r.index, wild[0]], message: `${describe(o)} rule ${r.index + 1} grants "*" ${wild.join(' and ')}: list what is needed` });
      }
    }
    return out;
  },
};
