import { describe, getIn, podIssue } from '../model.js';
import { NEWEST_KUBERNETES, parseKubernetesVersion } from './api-deprecated.js';
import type { K8sCheck, K8sIssue } from '../types.js';

/** The namespaced sysctls the Pod Security Standards' baseline profile allows, by the release that allowed them. */
const SAFE_SYSCTLS_SINCE: Readonly<Record<string, string>> = {
  'kernel.shm_rmid_forced': '1.0',
  'net.ipv4.ip_local_port_range': '1.0',
  'net.ipv4.ip_unprivileged_port_start': '1.0',
  'net.ipv4.tcp_syncookies': '1.0',
  'net.ipv4.ping_group_range': '1.0',
  'net.ipv4.ip_local_reserved_ports': '1.27',
  'net.ipv4.tcp_keepalive_time': '1.29',
  'net.ipv4.tcp_fin_timeout': '1.29',
  'net.ipv4.tcp_keepalive_intvl': '1.29',
  'net.ipv4.tcp_keepalive_probes': '1.29',
  'net.ipv4.tcp_rmem': '1.32',
  'net.ipv4.tcp_wmem': '1.32',
};

/** Whether the baseline profile of Kubernetes `target` allows sysctl `name`. */
export function isSafeSysctl(name: string, target: [number, number]): boolean {
  const since = SAFE_SYSCTLS_SINCE[name];
  if (since === undefined) return false;
  const [major, minor] = since.split('.').map(Number);
  return target[0] > major || (target[0] === major && target[1] >= minor);
}

export const check: K8sCheck = {
  id: 'K8S-SEC-SYSCTL',
  severity: 'error',
  title: 'Unsafe sysctl',
  aliases: ['KSV-0026'],
  helpUri: 'https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/',
  check: (ctx, opts) => {
    const target = parseKubernetesVersion(opts.targetKubernetesVersion ?? NEWEST_KUBERNETES) ?? parseKubernetesVersion(NEWEST_KUBERNETES)!;
    const out: K8sIssue[] = [];
    for (const p of ctx.pods) {
      const list = getIn(p.spec, ['securityContext', 'sysctls']);
      if (!Array.isArray(list)) continue;
      list.forEach((s: { name?: unknown }, i: number) => {
        if (s && typeof s.name === 'string' && !isSafeSysctl(s.name, target)) out.push(podIssue(p, ['securityContext', 'sysctls', i, 'name'], `${describe(p.object)} sets unsafe sysctl ${s.name} (not in the baseline profile of Kubernetes ${target.join('.')})`));
      });
    }
    return out;
  },
};
