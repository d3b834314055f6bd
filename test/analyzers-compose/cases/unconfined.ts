import { bad, good, svc, table } from '../helpers.js';

export default table('COMPOSE-UNCONFINED', [
  bad('seccomp:unconfined', svc({ security_opt: ['seccomp:unconfined'] })),
  bad('apparmor=unconfined', svc({ security_opt: ['apparmor=unconfined'] })),
  good('a seccomp profile file', svc({ security_opt: ['seccomp:./profile.json'] })),
  good('none', svc()),
]);
