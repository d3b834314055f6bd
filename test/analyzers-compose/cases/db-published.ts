import { bad, compose, good, table } from '../helpers.js';

export default table('COMPOSE-DB-PUBLISHED', [
  bad('postgres on all interfaces', compose({ db: { image: 'postgres:17', ports: ['5432:5432'] } })),
  bad('explicit 0.0.0.0', compose({ db: { image: 'redis:7', ports: ['0.0.0.0:6379:6379'] } })),
  bad('long syntax', compose({ db: { image: 'mysql:8', ports: [{ target: 3306, published: 3306 }] } })),
  bad('database image on an unusual port', compose({ db: { image: 'mongo:7', ports: ['27018:27018'] } })),
  good('bound to 127.0.0.1', compose({ db: { image: 'postgres:17', ports: ['127.0.0.1:5432:5432'] } })),
  good('IPv6 loopback', compose({ db: { image: 'postgres:17', ports: ['[::1]:5432:5432'] } })),
  good('web port', compose({ web: { image: 'nginx:1.27', ports: ['8080:80'] } })),
  good('not published (expose only)', compose({ db: { image: 'postgres:17', expose: ['5432'] } })),
]);
