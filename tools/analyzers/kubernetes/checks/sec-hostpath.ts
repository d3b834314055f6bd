import { describe, podIssue, withTrivy } from '../model.js';
import type { K8sCheck, K8sIssue } from '../types.js';

/** Host paths Trivy's KSV-0121 names (compared as written). */
const TRIVY_DISALLOWED_PATHS = new Set(['/', '/boot', '/dev', '/etc', '/lib', '/proc', '/sys', '/usr', '/var/lib/docker']);

export const check: K8sCheck = {
  id: 'K8S-SEC-HOSTPATH',
  severity: 'warning',
  title: 'hostPath volume',
  aliases: ['KSV-0023', 'KSV-0121', 'polaris:hostPathSet', 'kubesec:ProcMount'],
  helpUri: 'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath',
  check: (ctx) => {
    const out: K8sIssue[] = [];
    for (const p of ctx.pods) {
      const volumes = Array.isArray(p.spec.volumes) ? p.spec.volumes : [];
      volumes.forEach((v: { name?: string; hostPath?: { path?: string } }, i: number) => {
        if (!v || !v.hostPath) return;
        const aliases = withTrivy(check.aliases, TRIVY_DISALLOWED_PATHS.has(String(v.hostPath.path)) ? ['KSV-0023', 'KSV-0121'] : ['KSV-0023']);
        out.push({ ...podIssue(p, ['volumes', i, 'hostPath'], `${describe(p.object)} mounts host path ${v.hostPath.path ?? '(no path)'} (volume "${v.name ?? i}")`), aliases });
      });
    }
    return out;
  },
};
