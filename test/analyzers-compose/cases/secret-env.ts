import { bad, good, svc, table } from '../helpers.js';

export default table('COMPOSE-SECRET-ENV', [
  bad('map form', svc({ environment: { POSTGRES_PASSWORD: 'hunter2' } })),
  bad('list form', svc({ environment: ['MYSQL_ROOT_PASSWORD=example', 'TZ=UTC'] })),
  bad('two secrets', svc({ environment: { API_TOKEN: 'abc123', DB_PASSWORD: 'pw' } }), 2),
  good('interpolated from the environment', svc({ environment: { POSTGRES_PASSWORD: '${POSTGRES_PASSWORD}' } })),
  good('_FILE variant pointing at a secret', svc({ environment: { POSTGRES_PASSWORD_FILE: '/run/secrets/db' } })),
  good('name only (passed through from the shell)', svc({ environment: ['DB_PASSWORD'] })),
  good('nothing secret', svc({ environment: { TZ: 'UTC', LOG_LEVEL: 'info' } })),
]);
