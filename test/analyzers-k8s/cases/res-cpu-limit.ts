import { bad, good, one, pod, table } from '../helpers.js';

export default table('K8S-RES-CPU-LIMIT', [
  bad('no limits', pod(one())),
  bad('memory limit only', pod(one({ resources: { limits: { memory: '128Mi' } } }))),
  good('cpu limit', pod(one({ resources: { limits: { cpu: '500m' } } }))),
]);
