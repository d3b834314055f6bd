import { bad, good, one, pod, table } from '../helpers.js';

export default table('K8S-NS-DEFAULT', [
  bad('namespace default', pod(one(), { namespace: 'default' })),
  bad('namespace kube-system', pod(one(), { namespace: 'kube-system' })),
  good('own namespace', pod(one(), { namespace: 'shop' })),
  good('no namespace (set at apply time)', pod(one())),
]);
