import type { Case } from '../helpers.js';
import { one, pod, table } from '../helpers.js';

const run = (name: string, yaml: string, count: number, enabled = true): Case => ({ name, yaml, count, enable: enabled ? ['K8S-SEC-SECCOMP-PROFILE'] : [] });
const profile = (type: string) => ({ seccompProfile: { type } });

export default table('K8S-SEC-SECCOMP-PROFILE', [
  run('no profile anywhere', pod(one()), 1),
  run('one of two containers without', pod({ containers: [{ name: 'a', image: 'a:1', securityContext: profile('RuntimeDefault') }, { name: 'b', image: 'b:1' }] }), 1),
  run('the pod annotation of old Kubernetes does not count for kube-score', pod(one(), { annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'runtime/default' } }), 1),
  run('on the pod', pod(one({}, { securityContext: profile('RuntimeDefault') })), 0),
  run('on every container', pod(one({ securityContext: profile('Localhost') })), 0),
  // kube-score only asks that a profile be set (K8S-SEC-SECCOMP rejects Unconfined).
  run('Unconfined is still a profile', pod(one({}, { securityContext: profile('Unconfined') })), 0),
  run('the legacy defaultProfileName annotation', pod(one(), { annotations: { 'seccomp.security.alpha.kubernetes.io/defaultProfileName': 'runtime/default' } }), 0),
  run('optional: off unless enabled', pod(one()), 0, false),
]);
