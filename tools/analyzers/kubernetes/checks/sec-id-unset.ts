import { containerIssue, describeContainer, effectiveSecurity } from '../model.js';
import type { K8sCheck, K8sIssue } from '../types.js';

export const check: K8sCheck = {
  id: 'K8S-SEC-ID-UNSET',
  severity: 'info',
  title: 'runAsUser / runAsGroup not set',
  // With K8S-SEC-HIGH-UID (ids set below 10000) this is kube-score's container-security-context-user-group-id.
  aliases: ['kube-score:container-security-context-user-group-id'],
  // Most images choose their user: asking every manifest to pin both ids is kube-score's stance, not a defect.
  optional: true,
  check: (ctx) => {
    const out: K8sIssue[] = [];
    for (const c of ctx.containers) {
      if (c.kind === 'ephemeralContainers') continue;
      const unset = ['runAsUser', 'runAsGroup'].filter((f) => typeof effectiveSecurity(c, f) !== 'number');
      if (unset.length) out.push(containerIssue(c, ['securityContext'], `${describeContainer(c)} sets no ${unset.join(' / ')}: the image decides which ids it runs as (set ids above 10000)`));
    }
    return out;
  },
};
