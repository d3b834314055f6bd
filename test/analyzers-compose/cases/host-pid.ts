import { bad, good, svc, table } from '../helpers.js';

export default table('COMPOSE-HOST-PID', [
  bad('pid: host', svc({ pid: 'host' })),
  good('pid unset', svc()),
  good('pid naming something else', svc({ pid: 'private' })),
]);
