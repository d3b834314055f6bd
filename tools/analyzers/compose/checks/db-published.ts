import { hasVariable, parseImageRef } from '../../image-ref.js';
import { portsOf } from '../model.js';
import type { ComposeCheck, ComposeIssue } from '../types.js';

/** Container ports of databases and caches that should not face the network. */
export const DATABASE_PORTS: Readonly<Record<string, string>> = {
  '3306': 'MySQL/MariaDB',
  '5432': 'PostgreSQL',
  '27017': 'MongoDB',
  '6379': 'Redis',
  '9200': 'Elasticsearch',
  '5984': 'CouchDB',
  '1433': 'SQL Server',
  '1521': 'Oracle',
  '11211': 'Memcached',
  '9042': 'Cassandra',
  '8086': 'InfluxDB',
  '7687': 'Neo4j',
  '26257': 'CockroachDB',
  '5672': 'RabbitMQ',
  '9092': 'Kafka',
  '2181': 'ZooKeeper',
};

const DB_IMAGES = /^(.*\/)?(mysql|mariadb|postgres|postgis|mongo|redis|valkey|elasticsearch|couchdb|mssql|oracle|memcached|cassandra|influxdb|neo4j|cockroach|rabbitmq|kafka|zookeeper)/;
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export const check: ComposeCheck = {
  id: 'COMPOSE-DB-PUBLISHED',
  severity: 'warning',
  title: 'Database port published on all interfaces',
  aliases: ['kics:container_traffic_not_bound_to_host_interface'],
  helpUri: 'https://docs.docker.com/reference/compose-file/services/#ports',
  check: (ctx) => {
    const out: ComposeIssue[] = [];
    for (const s of ctx.services) {
      const image = typeof s.value.image === 'string' && !hasVariable(s.value.image) ? parseImageRef(s.value.image).repository : '';
      for (const p of portsOf(s)) {
        if (p.published === undefined && p.hostIp === undefined) continue; // container-only port, random host port is still published
        if (p.hostIp && LOOPBACK.has(p.hostIp)) continue;
        const target = p.target.split('-')[0];
        const db = DATABASE_PORTS[target];
        if (db || DB_IMAGES.test(image)) {
          out.push({ path: [...s.path, 'ports', p.index], message: `service "${s.name}" publishes ${db ?? image} port ${target} on every interface${p.hostIp ? ` (${p.hostIp})` : ''}: bind it to 127.0.0.1 or keep it on the internal network` });
        }
      }
    }
    return out;
  },
};
