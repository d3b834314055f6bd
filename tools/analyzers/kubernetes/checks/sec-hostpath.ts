import { describe, podIssue } from '../model.js';
import type { K8sCheck, K8sIssue } from '../types.js';

export const check: K8sCheck = {
  id: 'K8S-SEC-HOSTPATH',
  severity: 'warning',
  title: 'hostPath volume',
  aliases: ['KSV-0023', 'polaris:hostPathSet', 'kubesec:ProcMount'],
  helpUri: 'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath',
  check: (ctx) => {
    const out: K8sIssue[] = [];
    for (const p of ctx.pods) {
      const volumes = Array.isArray(p.spec.volumes) ? p.spec.volumes : [];
      volumes.forEach((v: { name?: string; hostPath?: { path?: string } }, i: number) => {
        if (v && v.hostPath) out.push(podIssue(p, ['volumes', i, 'hostPath'], `${describe(p.object)} mounts host path ${v.hostPath.path ?? '(no path)'} (volume "${v.name ?? i}")`));
      });
    }
    return out;
  },
};
