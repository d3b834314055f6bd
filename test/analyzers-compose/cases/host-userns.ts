import { bad, good, svc, table } from '../helpers.js';

export default table('COMPOSE-HOST-USERNS', [
  bad('userns_mode: host', svc({ userns_mode: 'host' })),
  good('userns_mode unset', svc()),
  good('userns_mode naming something else', svc({ userns_mode: 'default' })),
]);
