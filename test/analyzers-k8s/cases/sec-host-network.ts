import { bad, deployment, good, one, pod, table } from '../helpers.js';

export default table('K8S-SEC-HOST-NETWORK', [
  bad('pod sets hostNetwork', pod(one({}, { hostNetwork: true }))),
  bad('Deployment template sets hostNetwork', deployment(one({}, { hostNetwork: true }))),
  good('hostNetwork false', pod(one({}, { hostNetwork: false }))),
  good('unset', pod(one())),
]);
