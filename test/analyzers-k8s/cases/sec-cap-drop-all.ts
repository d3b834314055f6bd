import { bad, good, one, pod, sc, table } from '../helpers.js';

export default table('K8S-SEC-CAP-DROP-ALL', [
  // Trivy's KSV-0004 only asks that something be dropped; KSV-0106 (drop ALL, add at most NET_BIND_SERVICE) holds too.
  { ...bad('no capabilities', pod(one())), aliases: ['KSV-0003', 'KSV-0004', 'KSV-0106', 'CKV_K8S_37', 'polaris:insecureCapabilities', 'kubesec:CapDropAll', 'kubesec:CapDropAny'] },
  bad('drops some but not ALL', pod(sc({ capabilities: { drop: ['NET_RAW', 'CHOWN'] } }))),
  // Polaris's insecureCapabilities accepts its fifteen insecure capabilities dropped one by one.
  {
    ...bad('drops the fifteen Polaris lists, not ALL', pod(sc({ capabilities: { drop: ['NET_ADMIN', 'CHOWN', 'DAC_OVERRIDE', 'FSETID', 'FOWNER', 'MKNOD', 'NET_RAW', 'SETGID', 'SETUID', 'SETFCAP', 'SETPCAP', 'NET_BIND_SERVICE', 'SYS_CHROOT', 'KILL', 'AUDIT_WRITE'] } }))),
    aliases: ['KSV-0003', 'KSV-0106', 'CKV_K8S_37', 'kubesec:CapDropAll', 'kubesec:CapDropAny'],
  },
  good('drop ALL', pod(sc({ capabilities: { drop: ['ALL'] } }))),
  good('drop all in lower case', pod(sc({ capabilities: { drop: ['all'] } }))),
]);
