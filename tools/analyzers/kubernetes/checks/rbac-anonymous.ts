import { describe } from '../model.js';
import { BINDING_KINDS, subjectsOf } from '../rbac.js';
import type { K8sCheck, K8sIssue } from '../types.js';

const DANGEROUS_SUBJECTS: Record<string, string> = {
  'system:anonymous': 'unauthenticated users',
  'system:unauthenticated': 'unauthenticated users',
  'system:masters': 'the system:masters group (bypasses all authorization)',
};

export const check: K8sCheck = {
  id: 'K8S-RBAC-ANONYMOUS',
  severity: 'error',
  title: 'Binding to system:anonymous, system:unauthenticated or system:masters',
  aliases: ['KSV-0122', 'KSV-0123', 'kubesec:BindingsToSystemAnonymous'],
  check: (ctx) => {
    const out: K8sIssue[] = [];
    for (const o of ctx.objects) {
      if (!BINDING_KINDS.has(o.kind)) continue;
      for (const s of subjectsOf(o)) {
        const who = DANGEROUS_SUBJECTS[s.name];
        if (who) out.push({ object: o, path: ['subjects', s.index, 'name'], message: `${describe(o)} grants ${String(o.value.roleRef?.name ?? 'a role')} to ${who}` });
      }
    }
    return out;
  },
};
