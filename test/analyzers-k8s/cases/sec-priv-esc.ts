import { bad, deployment, good, one, pod, sc, table } from '../helpers.js';

export default table('K8S-SEC-PRIV-ESC', [
  bad('unset', pod(one())),
  bad('explicitly true', pod(sc({ allowPrivilegeEscalation: true }))),
  bad('only the init container is unset', deployment({ ...one({ securityContext: { allowPrivilegeEscalation: false } }), initContainers: [{ name: 'i', image: 'a:1' }] })),
  good('false', pod(sc({ allowPrivilegeEscalation: false }))),
  good('false in every container of a Deployment', deployment({ containers: [{ name: 'a', image: 'a:1', securityContext: { allowPrivilegeEscalation: false } }] })),
]);
