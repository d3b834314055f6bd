import type { Case } from '../helpers.js';
import { one, pod, sc, table } from '../helpers.js';

const run = (name: string, yaml: string, count: number, enabled = true): Case => ({ name, yaml, count, enable: enabled ? ['K8S-SEC-ID-UNSET'] : [] });

export default table('K8S-SEC-ID-UNSET', [
  run('no securityContext', pod(one()), 1),
  run('runAsUser only', pod(sc({ runAsUser: 20000 })), 1),
  run('both on the container', pod(sc({ runAsUser: 20000, runAsGroup: 20000 })), 0),
  run('user on the pod, group on the container', pod(one({ securityContext: { runAsGroup: 20000 } }, { securityContext: { runAsUser: 20000 } })), 0),
  run('optional: off unless enabled', pod(one()), 0, false),
  // Trivy's KSV-0020 (runAsUser) and KSV-0021 (runAsGroup) also fail an id that is not set.
  { ...run('no ids: both Trivy checks', pod(one()), 1), aliases: ['kube-score:container-security-context-user-group-id', 'KSV-0020', 'KSV-0021'] },
  { ...run('group missing: KSV-0021 only', pod(sc({ runAsUser: 20000 })), 1), aliases: ['kube-score:container-security-context-user-group-id', 'KSV-0021'] },
]);
