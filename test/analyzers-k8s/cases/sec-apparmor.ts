import { bad, good, one, pod, sc, table } from '../helpers.js';

export default table('K8S-SEC-APPARMOR', [
  bad('appArmorProfile Unconfined', pod(sc({ appArmorProfile: { type: 'Unconfined' } }))),
  bad('pod-level Unconfined', pod(one({}, { securityContext: { appArmorProfile: { type: 'Unconfined' } } }))),
  bad('legacy annotation for the container', pod(one(), { annotations: { 'container.apparmor.security.beta.kubernetes.io/app': 'unconfined' } })),
  // A value that names no profile (the API server rejects it); Trivy's KSV-0002 reads only the annotation, and fails any
  // value but runtime/default.
  { ...bad('annotation naming no profile', pod(one(), { annotations: { 'container.apparmor.security.beta.kubernetes.io/app': 'custom' } })), aliases: ['KSV-0002'] },
  { ...bad('Unconfined in the field: not Trivy\'s', pod(sc({ appArmorProfile: { type: 'Unconfined' } }))), aliases: ['kubesec:ApparmorUnconfined'] },
  good('annotation naming a local profile', pod(one(), { annotations: { 'container.apparmor.security.beta.kubernetes.io/app': 'localhost/k8s-nginx' } })),
  good('RuntimeDefault', pod(sc({ appArmorProfile: { type: 'RuntimeDefault' } }))),
  good('annotation for another container', pod(one(), { annotations: { 'container.apparmor.security.beta.kubernetes.io/other': 'unconfined' } })),
  good('unset (the runtime default applies)', pod(one())),
]);
