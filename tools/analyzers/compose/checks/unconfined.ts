import { securityOptions } from '../model.js';
import type { ComposeCheck, ComposeIssue } from '../types.js';

export const check: ComposeCheck = {
  id: 'COMPOSE-UNCONFINED',
  severity: 'error',
  title: 'seccomp or AppArmor disabled',
  aliases: ['kics:seccomp_disabled', 'kics:default_seccomp_profile_disabled', 'KSV-0104', 'KSV-0002'],
  check: (ctx) => {
    const out: ComposeIssue[] = [];
    for (const s of ctx.services) {
      for (const o of securityOptions(s)) {
        if (o.option === 'seccomp:unconfined' || o.option === 'apparmor:unconfined' || o.option === 'label:disable') {
          out.push({ path: [...s.path, 'security_opt', o.index], message: `service "${s.name}" turns off a kernel confinement (${o.option})` });
        }
      }
    }
    return out;
  },
};
