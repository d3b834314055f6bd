import { bad, good, svc, table } from '../helpers.js';

export default table('COMPOSE-HOST-NETWORK', [
  bad('network_mode: host', svc({ network_mode: 'host' })),
  good('network_mode unset', svc()),
  good('network_mode naming something else', svc({ network_mode: 'bridge' })),
]);
