import { bad, good, svc, table } from '../helpers.js';

export default table('COMPOSE-NO-NEW-PRIVILEGES', [
  bad('no security_opt', svc()),
  bad('other options only', svc({ security_opt: ['label:type:svirt_apache_t'] })),
  good('no-new-privileges:true', svc({ security_opt: ['no-new-privileges:true'] })),
  good('no-new-privileges=true', svc({ security_opt: ['no-new-privileges=true'] })),
]);
