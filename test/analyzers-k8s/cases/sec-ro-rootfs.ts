import { bad, good, one, pod, sc, table } from '../helpers.js';

export default table('K8S-SEC-RO-ROOTFS', [
  bad('unset', pod(one())),
  bad('false', pod(sc({ readOnlyRootFilesystem: false }))),
  good('true', pod(sc({ readOnlyRootFilesystem: true }))),
]);
