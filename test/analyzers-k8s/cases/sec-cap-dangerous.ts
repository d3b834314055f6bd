import { bad, good, pod, sc, table } from '../helpers.js';

export default table('K8S-SEC-CAP-DANGEROUS', [
  bad('SYS_ADMIN', pod(sc({ capabilities: { add: ['SYS_ADMIN'] } }))),
  bad('CAP_ prefix and lower case', pod(sc({ capabilities: { add: ['cap_net_admin'] } }))),
  bad('ALL', pod(sc({ capabilities: { add: ['ALL'], drop: ['ALL'] } }))),
  good('NET_BIND_SERVICE', pod(sc({ capabilities: { add: ['NET_BIND_SERVICE'] } }))),
  good('CHOWN is not dangerous (K8S-SEC-CAP-ADDED covers it)', pod(sc({ capabilities: { add: ['CHOWN'] } }))),
]);
