import { bad, good, svc, table } from '../helpers.js';

export default table('COMPOSE-NO-LIMITS', [
  bad('no limits', svc()),
  bad('cpu limit only', svc({ deploy: { resources: { limits: { cpus: '0.5' } } } })),
  good('deploy memory limit', svc({ deploy: { resources: { limits: { memory: '256M' } } } })),
  good('legacy mem_limit', svc({ mem_limit: '256m' })),
]);
