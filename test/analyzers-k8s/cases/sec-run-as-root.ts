import { bad, good, one, pod, sc, table } from '../helpers.js';

export default table('K8S-SEC-RUN-AS-ROOT', [
  bad('nothing set', pod(one())),
  bad('runAsUser 0 in the container', pod(sc({ runAsUser: 0 }))),
  bad('runAsUser 0 in the pod', pod(one({}, { securityContext: { runAsUser: 0 } }))),
  bad('container overrides the pod with runAsNonRoot false', pod(one({ securityContext: { runAsNonRoot: false } }, { securityContext: { runAsNonRoot: true } }))),
  // Trivy: KSV-0012 wants runAsNonRoot (unless the pod sets it), KSV-0105 fails a runAsUser of 0.
  { ...bad('nothing set: KSV-0012 only', pod(one())), aliases: ['KSV-0012', 'CKV_K8S_23', 'polaris:runAsRootAllowed', 'kubesec:RunAsNonRoot'] },
  { ...bad('UID 0 with runAsNonRoot: KSV-0105 only', pod(sc({ runAsUser: 0, runAsNonRoot: true }))), aliases: ['KSV-0105', 'CKV_K8S_23', 'polaris:runAsRootAllowed', 'kubesec:RunAsNonRoot'] },
  good('runAsNonRoot in the container', pod(sc({ runAsNonRoot: true }))),
  good('runAsNonRoot in the pod', pod(one({}, { securityContext: { runAsNonRoot: true } }))),
  good('non-zero runAsUser', pod(sc({ runAsUser: 10001 }))),
]);
