import { describe, podIssue } from '../model.js';
import type { K8sCheck } from '../types.js';

export const check: K8sCheck = {
  id: 'K8S-SEC-HOST-ALIASES',
  severity: 'info',
  title: 'hostAliases rewrite /etc/hosts',
  aliases: ['KSV-0007', 'kubesec:HostAliases'],
  check: (ctx) =>
    ctx.pods
      .filter((p) => Array.isArray(p.spec.hostAliases) && p.spec.hostAliases.length > 0)
      .map((p) => podIssue(p, ['hostAliases'], `${describe(p.object)} overrides /etc/hosts with hostAliases: names resolve differently than DNS says`)),
};
