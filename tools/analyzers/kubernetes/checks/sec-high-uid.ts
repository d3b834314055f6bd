import { containerIssue, describeContainer, effectiveSecurity, withTrivy } from '../model.js';
import type { K8sCheck, K8sIssue } from '../types.js';

/** IDs at or below this may collide with host users (kube-score, kubesec, Trivy all use 10000). */
export const HIGH_ID_FLOOR = 10000;

export const check: K8sCheck = {
  id: 'K8S-SEC-HIGH-UID',
  severity: 'info',
  title: 'runAsUser / runAsGroup is 10000 or lower',
  aliases: ['KSV-0020', 'KSV-0021', 'CKV_K8S_40', 'kube-score:container-security-context-user-group-id', 'kubesec:RunAsUser', 'kubesec:RunAsGroup'],
  check: (ctx) => {
    const out: K8sIssue[] = [];
    for (const c of ctx.containers) {
      if (c.kind === 'ephemeralContainers') continue;
      for (const field of ['runAsUser', 'runAsGroup']) {
        const id = effectiveSecurity(c, field);
        if (typeof id === 'number' && id <= HIGH_ID_FLOOR) {
          // kube-score accepts 10000 itself; with K8S-SEC-ID-UNSET (ids not set) this is its user-group-id check.
          // Trivy: KSV-0020 is runAsUser's check, KSV-0021 runAsGroup's.
          const aliases = withTrivy(id < HIGH_ID_FLOOR ? check.aliases : check.aliases.filter((a) => !a.startsWith('kube-score:')), [field === 'runAsUser' ? 'KSV-0020' : 'KSV-0021']);
          out.push({ ...containerIssue(c, ['securityContext', field], `${describeContainer(c)} has ${field} ${id}: use an id above ${HIGH_ID_FLOOR} so it cannot match a host user`), aliases });
        }
      }
    }
    return out;
  },
};
