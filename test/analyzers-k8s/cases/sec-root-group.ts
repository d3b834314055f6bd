import { bad, good, one, pod, sc, table } from '../helpers.js';

export default table('K8S-SEC-ROOT-GROUP', [
  bad('pod runAsGroup 0', pod(one({}, { securityContext: { runAsGroup: 0 } }))),
  bad('fsGroup 0', pod(one({}, { securityContext: { fsGroup: 0 } }))),
  bad('supplementalGroups with 0', pod(one({}, { securityContext: { supplementalGroups: [1000, 0] } }))),
  bad('container runAsGroup 0', pod(sc({ runAsGroup: 0 }))),
  good('non-root groups', pod(one({ securityContext: { runAsGroup: 10001 } }, { securityContext: { runAsGroup: 10001, fsGroup: 10001, supplementalGroups: [10002] } }))),
  good('unset', pod(one())),
]);
