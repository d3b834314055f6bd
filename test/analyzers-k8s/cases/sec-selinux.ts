import { bad, good, one, pod, sc, table } from '../helpers.js';

export default table('K8S-SEC-SELINUX', [
  bad('spc_t type on the pod', pod(one({}, { securityContext: { seLinuxOptions: { type: 'spc_t' } } }))),
  bad('custom user on the container', pod(sc({ seLinuxOptions: { user: 'system_u' } }))),
  bad('custom role', pod(sc({ seLinuxOptions: { role: 'sysadm_r' } }))),
  good('container_t with a level', pod(sc({ seLinuxOptions: { type: 'container_t', level: 's0:c123,c456' } }))),
  good('level only', pod(one({}, { securityContext: { seLinuxOptions: { level: 's0:c1,c2' } } }))),
  good('unset', pod(one())),
]);
