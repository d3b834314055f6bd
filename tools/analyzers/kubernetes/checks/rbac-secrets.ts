import { describe } from '../model.js';
import { ROLE_KINDS, grants, isBuiltinRole, rulesOf } from '../rbac.js';
import type { K8sCheck, K8sIssue } from '../types.js';

export const check: K8sCheck = {
  id: 'K8S-RBAC-SECRETS',
  severity: 'error',
  title: 'Role can read or manage Secrets',
  aliases: ['KSV-0041', 'CKV2_K8S_5'],
  check: (ctx) => {
    const out: K8sIssue[] = [];
    for (const o of ctx.objects) {
      if (!ROLE_KINDS.has(o.kind) || isBuiltinRole(o.name)) continue;
      for (const r of rulesOf(o)) {
        if (r.resourceNames.length > 0) continue; // limited to named secrets
        if (grants(r, 'secrets', ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'])) {
          out.push({ object: o, path: ['rules', r.index], message: `${describe(o)} rule ${r.index + 1} reaches every Secret in its scope: limit it with resourceNames` });
        }
      }
    }
    return out;
  },
};
