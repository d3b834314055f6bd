import { bad, good, svc, table } from '../helpers.js';

export default table('COMPOSE-CAP-ADD', [
  bad('SYS_ADMIN is an error', svc({ cap_add: ['SYS_ADMIN'] }), 1, { severity: 'error' }),
  bad('CHOWN is a warning', svc({ cap_add: ['CHOWN'] }), 1, { severity: 'warning' }),
  good('only NET_BIND_SERVICE', svc({ cap_add: ['NET_BIND_SERVICE'], cap_drop: ['ALL'] })),
  good('none', svc()),
]);
