import { bad, good, one, pod, sc, table } from '../helpers.js';

export default table('K8S-SEC-HIGH-UID', [
  bad('low runAsUser', pod(sc({ runAsUser: 1000 }))),
  bad('low user and group', pod(sc({ runAsUser: 1000, runAsGroup: 1000 })), 2),
  // kube-score accepts 10000 itself.
  // Trivy: KSV-0020 for runAsUser, KSV-0021 for runAsGroup.
  { ...bad('the edge: 10000 is still low', pod(one({}, { securityContext: { runAsUser: 10000 } }))), aliases: ['KSV-0020', 'CKV_K8S_40', 'kubesec:RunAsUser', 'kubesec:RunAsGroup'] },
  { ...bad('low runAsGroup', pod(sc({ runAsGroup: 100, runAsUser: 20000 }))), aliases: ['KSV-0021', 'CKV_K8S_40', 'kube-score:container-security-context-user-group-id', 'kubesec:RunAsUser', 'kubesec:RunAsGroup'] },
  good('10001 is high enough', pod(sc({ runAsUser: 10001, runAsGroup: 10001 }))),
  good('not set at all (K8S-SEC-RUN-AS-ROOT covers it)', pod(one())),
]);
