import { bad, good, one, pod, sc, table } from '../helpers.js';

export default table('K8S-SEC-APPARMOR', [
  bad('appArmorProfile Unconfined', pod(sc({ appArmorProfile: { type: 'Unconfined' } }))),
  bad('pod-level Unconfined', pod(one({}, { securityContext: { appArmorProfile: { type: 'Unconfined' } } }))),
  bad('legacy annotation for the container', pod(one(), { annotations: { 'container.apparmor.security.beta.kubernetes.io/app': 'unconfined' } })),
  good('RuntimeDefault', pod(sc({ appArmorProfile: { type: 'RuntimeDefault' } }))),
  good('annotation for another container', pod(one(), { annotations: { 'container.apparmor.security.beta.kubernetes.io/other': 'unconfined' } })),
  good('unset (the runtime default applies)', pod(one())),
]);
