import { bad, good, one, pod, table } from '../helpers.js';

const ready = { httpGet: { path: '/ready', port: 8080 } };
const live = { httpGet: { path: '/live', port: 8080 } };

export default table('K8S-REL-LIVENESS', [
  bad('no livenessProbe', pod(one({ readinessProbe: ready }))),
  bad('identical to the readinessProbe', pod(one({ readinessProbe: ready, livenessProbe: { ...ready } }))),
  good('distinct probes', pod(one({ readinessProbe: ready, livenessProbe: live }))),
  good('liveness only', pod(one({ livenessProbe: live }))),
]);
