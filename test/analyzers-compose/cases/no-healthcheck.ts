import { bad, good, svc, table } from '../helpers.js';

export default table('COMPOSE-NO-HEALTHCHECK', [
  bad('none', svc()),
  bad('disabled', svc({ healthcheck: { disable: true } })),
  good('healthcheck', svc({ healthcheck: { test: ['CMD', 'curl', '-f', 'http://localhost/'], interval: '30s' } })),
]);
