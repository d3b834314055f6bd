import { bad, good, one, pod, sc, table } from '../helpers.js';

export default table('K8S-SEC-RUN-AS-ROOT', [
  bad('nothing set', pod(one())),
  bad('runAsUser 0 in the container', pod(sc({ runAsUser: 0 }))),
  bad('runAsUser 0 in the pod', pod(one({}, { securityContext: { runAsUser: 0 } }))),
  bad('container overrides the pod with runAsNonRoot false', pod(one({ securityContext: { runAsNonRoot: false } }, { securityContext: { runAsNonRoot: true } }))),
  good('runAsNonRoot in the container', pod(sc({ runAsNonRoot: true }))),
  good('runAsNonRoot in the pod', pod(one({}, { securityContext: { runAsNonRoot: true } }))),
  good('non-zero runAsUser', pod(sc({ runAsUser: 10001 }))),
]);
