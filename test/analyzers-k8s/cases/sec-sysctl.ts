import { bad, good, one, pod, table } from '../helpers.js';

const sysctls = (...names: string[]) => pod(one({}, { securityContext: { sysctls: names.map((name) => ({ name, value: '1' })) } }));

export default table('K8S-SEC-SYSCTL', [
  bad('kernel.msgmax is not in the safe set', sysctls('kernel.msgmax')),
  bad('one unsafe among safe ones', sysctls('net.ipv4.tcp_syncookies', 'net.core.somaxconn')),
  good('safe sysctls', sysctls('net.ipv4.ip_local_port_range', 'kernel.shm_rmid_forced')),
  good('none', pod(one())),
  // The baseline profile grew: net.ipv4.tcp_wmem is allowed from Kubernetes 1.32 on.
  good('tcp_wmem for the newest Kubernetes', sysctls('net.ipv4.tcp_wmem')),
  { ...bad('tcp_wmem for Kubernetes 1.31', sysctls('net.ipv4.tcp_wmem')), opts: { targetKubernetesVersion: '1.31' } },
  { ...good('tcp_keepalive_time for Kubernetes 1.29', sysctls('net.ipv4.tcp_keepalive_time')), opts: { targetKubernetesVersion: 'v1.29.2' } },
]);
