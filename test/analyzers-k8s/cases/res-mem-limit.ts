import { bad, good, one, pod, table } from '../helpers.js';

export default table('K8S-RES-MEM-LIMIT', [
  bad('no limits', pod(one())),
  bad('cpu limit only', pod(one({ resources: { limits: { cpu: '1' } } }))),
  good('memory limit', pod(one({ resources: { limits: { memory: '128Mi' } } }))),
]);
