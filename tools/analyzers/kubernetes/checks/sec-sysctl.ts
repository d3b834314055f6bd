import { describe, getIn, podIssue } from '../model.js';
import type { K8sCheck, K8sIssue } from '../types.js';

/** The namespaced sysctls the Pod Security Standards' baseline profile allows. */
export const SAFE_SYSCTLS = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
]);

export const check: K8sCheck = {
  id: 'K8S-SEC-SYSCTL',
  severity: 'error',
  title: 'Unsafe sysctl',
  aliases: ['KSV-0026'],
  helpUri: 'https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/',
  check: (ctx) => {
    const out: K8sIssue[] = [];
    for (const p of ctx.pods) {
      const list = getIn(p.spec, ['securityContext', 'sysctls']);
      if (!Array.isArray(list)) continue;
      list.forEach((s: { name?: unknown }, i: number) => {
        if (s && typeof s.name === 'string' && !SAFE_SYSCTLS.has(s.name)) out.push(podIssue(p, ['securityContext', 'sysctls', i, 'name'], `${describe(p.object)} sets unsafe sysctl ${s.name}`));
      });
    }
    return out;
  },
};
