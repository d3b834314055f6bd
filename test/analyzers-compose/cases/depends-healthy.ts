import { bad, compose, good, table } from '../helpers.js';

const db = { image: 'postgres:17', healthcheck: { test: ['CMD', 'pg_isready'] } };

export default table('COMPOSE-DEPENDS-HEALTHY', [
  bad('list form on a service with a healthcheck', compose({ app: { image: 'a:1', depends_on: ['db'] }, db })),
  bad('service_started condition', compose({ app: { image: 'a:1', depends_on: { db: { condition: 'service_started' } } }, db })),
  good('service_healthy', compose({ app: { image: 'a:1', depends_on: { db: { condition: 'service_healthy' } } }, db })),
  good('dependency without a healthcheck', compose({ app: { image: 'a:1', depends_on: ['cache'] }, cache: { image: 'redis:7' } })),
]);
