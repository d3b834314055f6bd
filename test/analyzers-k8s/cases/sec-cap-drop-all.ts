import { bad, good, one, pod, sc, table } from '../helpers.js';

export default table('K8S-SEC-CAP-DROP-ALL', [
  bad('no capabilities', pod(one())),
  bad('drops some but not ALL', pod(sc({ capabilities: { drop: ['NET_RAW', 'CHOWN'] } }))),
  good('drop ALL', pod(sc({ capabilities: { drop: ['ALL'] } }))),
  good('drop all in lower case', pod(sc({ capabilities: { drop: ['all'] } }))),
]);
