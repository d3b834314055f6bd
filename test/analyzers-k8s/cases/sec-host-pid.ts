import { bad, deployment, good, one, pod, table } from '../helpers.js';

export default table('K8S-SEC-HOST-PID', [
  bad('pod sets hostPID', pod(one({}, { hostPID: true }))),
  bad('Deployment template sets hostPID', deployment(one({}, { hostPID: true }))),
  good('hostPID false', pod(one({}, { hostPID: false }))),
  good('unset', pod(one())),
]);
