import { bad, good, one, pod, sc, table } from '../helpers.js';

export default table('K8S-SEC-CAP-ADDED', [
  bad('CHOWN added', pod(sc({ capabilities: { add: ['CHOWN'] } }))),
  bad('two extra, one finding', pod(sc({ capabilities: { add: ['CHOWN', 'SETUID', 'NET_BIND_SERVICE'] } }))),
  good('only NET_BIND_SERVICE', pod(sc({ capabilities: { add: ['NET_BIND_SERVICE'] } }))),
  good('dangerous ones are reported by K8S-SEC-CAP-DANGEROUS only', pod(sc({ capabilities: { add: ['SYS_ADMIN'] } }))),
  good('none', pod(one())),
]);
