import { bad, good, one, pod, sc, table } from '../helpers.js';

export default table('K8S-SEC-HIGH-UID', [
  bad('low runAsUser', pod(sc({ runAsUser: 1000 }))),
  bad('low user and group', pod(sc({ runAsUser: 1000, runAsGroup: 1000 })), 2),
  // kube-score accepts 10000 itself.
  { ...bad('the edge: 10000 is still low', pod(one({}, { securityContext: { runAsUser: 10000 } }))), aliases: ['KSV-0020', 'KSV-0021', 'CKV_K8S_40', 'kubesec:RunAsUser', 'kubesec:RunAsGroup'] },
  good('10001 is high enough', pod(sc({ runAsUser: 10001, runAsGroup: 10001 }))),
  good('not set at all (K8S-SEC-RUN-AS-ROOT covers it)', pod(one())),
]);
