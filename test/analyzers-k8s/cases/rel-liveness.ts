import { bad, good, one, pod, table } from '../helpers.js';

const ready = { httpGet: { path: '/ready', port: 8080 } };
const live = { httpGet: { path: '/live', port: 8080 } };

export default table('K8S-REL-LIVENESS', [
  bad('no livenessProbe', pod(one({ readinessProbe: ready }))),
  good('distinct probes', pod(one({ readinessProbe: ready, livenessProbe: live }))),
  good('liveness only', pod(one({ livenessProbe: live }))),
  good('identical probes are K8S-REL-PROBES-IDENTICAL', pod(one({ readinessProbe: ready, livenessProbe: { ...ready } }))),
]);
