import { containerIssue, describeContainer, effectiveSecurity, withTrivy } from '../model.js';
import type { K8sCheck, K8sIssue } from '../types.js';

export const check: K8sCheck = {
  id: 'K8S-SEC-ID-UNSET',
  severity: 'info',
  title: 'runAsUser / runAsGroup not set',
  // With K8S-SEC-HIGH-UID (ids set at or below 10000) this is kube-score's container-security-context-user-group-id,
  // and Trivy's KSV-0020 (runAsUser) and KSV-0021 (runAsGroup), which also fail an id that is not set.
  aliases: ['kube-score:container-security-context-user-group-id', 'KSV-0020', 'KSV-0021'],
  // Most images choose their user: asking every manifest to pin both ids is kube-score's stance, not a defect.
  optional: true,
  check: (ctx) => {
    const out: K8sIssue[] = [];
    for (const c of ctx.containers) {
      if (c.kind === 'ephemeralContainers') continue;
      const unset = ['runAsUser', 'runAsGroup'].filter((f) => typeof effectiveSecurity(c, f) !== 'number');
      const ksv = unset.map((f) => (f === 'runAsUser' ? 'KSV-0020' : 'KSV-0021'));
      if (unset.length) out.push({ ...containerIssue(c, ['securityContext'], `${describeContainer(c)} sets no ${unset.join(' / ')}: the image decides which ids it runs as (set ids above 10000)`), aliases: withTrivy(check.aliases, ksv) });
    }
    return out;
  },
};
