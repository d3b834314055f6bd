import { bad, good, svc, table } from '../helpers.js';

export default table('COMPOSE-HOST-IPC', [
  bad('ipc: host', svc({ ipc: 'host' })),
  good('ipc unset', svc()),
  good('ipc naming something else', svc({ ipc: 'private' })),
]);
