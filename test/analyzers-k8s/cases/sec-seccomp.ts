import { bad, good, one, pod, sc, table } from '../helpers.js';

export default table('K8S-SEC-SECCOMP', [
  bad('no profile', pod(one())),
  bad('Unconfined on the container', pod(sc({ seccompProfile: { type: 'Unconfined' } }))),
  bad('container Unconfined overrides pod RuntimeDefault', pod(one({ securityContext: { seccompProfile: { type: 'Unconfined' } } }, { securityContext: { seccompProfile: { type: 'RuntimeDefault' } } }))),
  bad('legacy annotation unconfined', pod(one(), { annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined' } })),
  good('pod RuntimeDefault', pod(one({}, { securityContext: { seccompProfile: { type: 'RuntimeDefault' } } }))),
  good('container Localhost', pod(sc({ seccompProfile: { type: 'Localhost', localhostProfile: 'p.json' } }))),
  good('legacy annotation runtime/default', pod(one(), { annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'runtime/default' } })),
]);
