import { bad, good, one, pod, sc, table } from '../helpers.js';

export default table('K8S-SEC-HOSTPROCESS', [
  bad('pod hostProcess', pod(one({}, { securityContext: { windowsOptions: { hostProcess: true } } }))),
  bad('container hostProcess', pod(sc({ windowsOptions: { hostProcess: true } }))),
  good('hostProcess false', pod(sc({ windowsOptions: { hostProcess: false } }))),
  good('unset', pod(one())),
]);
