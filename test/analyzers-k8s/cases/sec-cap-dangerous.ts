import { bad, good, pod, sc, table } from '../helpers.js';

export default table('K8S-SEC-CAP-DANGEROUS', [
  bad('SYS_ADMIN', pod(sc({ capabilities: { add: ['SYS_ADMIN'] } }))),
  bad('CAP_ prefix and lower case', pod(sc({ capabilities: { add: ['cap_net_admin'] } }))),
  bad('ALL', pod(sc({ capabilities: { add: ['ALL'], drop: ['ALL'] } }))),
  // Trivy's per-capability checks (SYS_ADMIN KSV-0005, NET_RAW KSV-0119, SYS_MODULE KSV-0120) compare the name as written.
  { ...bad('NET_RAW and SYS_MODULE', pod(sc({ capabilities: { add: ['NET_RAW', 'SYS_MODULE'] } }))), aliases: ['KSV-0119', 'KSV-0120', 'KSV-0022', 'KSV-0106', 'CKV_K8S_39', 'CKV_K8S_28', 'polaris:dangerousCapabilities', 'kubesec:CapSysAdmin'] },
  { ...bad('NET_ADMIN: none of the per-capability checks', pod(sc({ capabilities: { add: ['NET_ADMIN'] } }))), aliases: ['KSV-0022', 'KSV-0106', 'CKV_K8S_39', 'CKV_K8S_28', 'polaris:dangerousCapabilities', 'kubesec:CapSysAdmin'] },
  good('NET_BIND_SERVICE', pod(sc({ capabilities: { add: ['NET_BIND_SERVICE'] } }))),
  good('CHOWN is not dangerous (K8S-SEC-CAP-ADDED covers it)', pod(sc({ capabilities: { add: ['CHOWN'] } }))),
]);
