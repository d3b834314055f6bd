import { bad, good, svc, table } from '../helpers.js';

export default table('COMPOSE-NOT-READ-ONLY', [
  bad('unset', svc()),
  bad('false', svc({ read_only: false })),
  good('read_only: true', svc({ read_only: true, tmpfs: ['/tmp'] })),
]);
