import { bad, good, svc, table } from '../helpers.js';

export default table('COMPOSE-HOST-ROOT', [
  bad('the host root', svc({ volumes: ['/:/host'] })),
  bad('/etc read-only is still reported, as a warning', svc({ volumes: ['/etc:/host-etc:ro'] }), 1, { severity: 'warning' }),
  bad('long syntax /proc', svc({ volumes: [{ type: 'bind', source: '/proc', target: '/host/proc' }] })),
  good('a file under /etc', svc({ volumes: ['/etc/localtime:/etc/localtime:ro'] })),
  good('project folder', svc({ volumes: ['./data:/data'] })),
]);
