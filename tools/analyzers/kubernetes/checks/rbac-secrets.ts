import { describe, withTrivy } from '../model.js';
import { ROLE_KINDS, grants, isBuiltinRole, namesLiterally, rulesOf } from '../rbac.js';
import type { K8sCheck, K8sIssue } from '../types.js';

/** Every verb on secrets reads or changes them (impersonate grants nothing there; Trivy counts it). */
const VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', 'impersonate'];

export const check: K8sCheck = {
  id: 'K8S-RBAC-SECRETS',
  severity: 'error',
  title: 'Role can read or manage Secrets',
  aliases: ['KSV-0041', 'KSV-0113', 'CKV2_K8S_5'],
  check: (ctx) => {
    const out: K8sIssue[] = [];
    for (const o of ctx.objects) {
      if (!ROLE_KINDS.has(o.kind) || isBuiltinRole(o.name)) continue;
      for (const r of rulesOf(o)) {
        if (r.resourceNames.length > 0) continue; // limited to named secrets
        if (grants(r, 'secrets', VERBS)) {
          // Trivy names `secrets` as written: KSV-0041 for a ClusterRole, KSV-0113 for a Role.
          const ksv = namesLiterally(r, ['secrets'], [...VERBS, '*']) ? [o.kind === 'ClusterRole' ? 'KSV-0041' : 'KSV-0113'] : [];
          out.push({ object: o, path: ['rules', r.index], aliases: withTrivy(check.aliases, ksv), message: `${describe(o)} rule ${r.index + 1} reaches every Secret in its scope: limit it with resourceNames` });
        }
      }
    }
    return out;
  },
};
