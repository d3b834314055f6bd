import { bad, deployment, good, one, pod, table } from '../helpers.js';

export default table('K8S-SEC-HOST-IPC', [
  bad('pod sets hostIPC', pod(one({}, { hostIPC: true }))),
  bad('Deployment template sets hostIPC', deployment(one({}, { hostIPC: true }))),
  good('hostIPC false', pod(one({}, { hostIPC: false }))),
  good('unset', pod(one())),
]);
