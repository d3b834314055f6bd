import { bad, good, svc, table } from '../helpers.js';

export default table('COMPOSE-NO-RESTART', [
  bad('none', svc()),
  good('restart: unless-stopped', svc({ restart: 'unless-stopped' })),
  good('deploy.restart_policy', svc({ deploy: { restart_policy: { condition: 'on-failure', max_attempts: 5 } } })),
]);
