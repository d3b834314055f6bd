import { closestName } from './suggest.js';
import type { SchemaIssue } from './types.js';
import type { YamlPath } from '../yaml-positions.js';

/**
 * The Compose file structure, written from the Compose Specification reference
 * (https://docs.docker.com/reference/compose-file/). Scalars are lenient on purpose: Compose interpolates
 * `${VAR}` into booleans and numbers, so a string is accepted wherever a scalar is.
 */
type Shape = 'scalar' | 'list' | 'string-or-list' | 'map-or-list' | 'map' | 'string-or-map' | 'any' | ObjectShape | ListOf | MapOf;
interface ObjectShape {
  object: Record<string, Shape>;
}
interface ListOf {
  listOf: Shape;
}
interface MapOf {
  mapOf: Shape;
}

const s = 'scalar' as const;

const HEALTHCHECK: ObjectShape = { object: { test: 'string-or-list', interval: s, timeout: s, retries: s, start_period: s, start_interval: s, disable: s } };
const RESOURCE_SET: ObjectShape = { object: { cpus: s, memory: s, pids: s, generic_resources: 'list', devices: 'list' } };
const DEPLOY: ObjectShape = {
  object: {
    mode: s,
    replicas: s,
    labels: 'map-or-list',
    endpoint_mode: s,
    update_config: 'map',
    rollback_config: 'map',
    restart_policy: { object: { condition: s, delay: s, max_attempts: s, window: s } },
    placement: 'map',
    resources: { object: { limits: RESOURCE_SET, reservations: RESOURCE_SET } },
  },
};
const BUILD: ObjectShape = {
  object: {
    context: s, dockerfile: s, dockerfile_inline: s, args: 'map-or-list', ssh: 'map-or-list', labels: 'map-or-list', cache_from: 'list', cache_to: 'list',
    no_cache: s, additional_contexts: 'map-or-list', network: s, pull: s, target: s, shm_size: s, extra_hosts: 'map-or-list', isolation: s,
    privileged: s, secrets: 'list', tags: 'list', ulimits: 'map', platforms: 'list', entitlements: 'list', provenance: s, sbom: s,
  },
};

export const COMPOSE_SERVICE_SHAPE: ObjectShape = {
  object: {
    annotations: 'map-or-list', attach: s, blkio_config: 'map', build: 'string-or-map', cap_add: 'list', cap_drop: 'list', cgroup: s, cgroup_parent: s,
    command: 'string-or-list', configs: 'list', container_name: s, cpu_count: s, cpu_percent: s, cpu_period: s, cpu_quota: s, cpu_rt_period: s,
    cpu_rt_runtime: s, cpu_shares: s, cpus: s, cpuset: s, credential_spec: 'map', depends_on: 'map-or-list', deploy: DEPLOY, develop: 'map',
    device_cgroup_rules: 'list', devices: 'list', dns: 'string-or-list', dns_opt: 'list', dns_search: 'string-or-list', domainname: s,
    entrypoint: 'string-or-list', env_file: 'string-or-list', label_file: 'string-or-list', environment: 'map-or-list', expose: 'list',
    extends: 'string-or-map', external_links: 'list', extra_hosts: 'map-or-list', gpus: 'string-or-list', group_add: 'list', healthcheck: HEALTHCHECK,
    hostname: s, image: s, init: s, ipc: s, isolation: s, labels: 'map-or-list', links: 'list', logging: { object: { driver: s, options: 'map' } },
    mac_address: s, mem_limit: s, mem_reservation: s, mem_swappiness: s, memswap_limit: s, models: 'map-or-list', network_mode: s, networks: 'map-or-list',
    oom_kill_disable: s, oom_score_adj: s, pid: s, pids_limit: s, platform: s, ports: 'list', post_start: 'list', pre_stop: 'list', privileged: s,
    profiles: 'list', provider: 'map', pull_policy: s, pull_refresh_after: s, read_only: s, restart: s, runtime: s, scale: s, secrets: 'list',
    security_opt: 'list', shm_size: s, stdin_open: s, stop_grace_period: s, stop_signal: s, storage_opt: 'map', sysctls: 'map-or-list',
    tmpfs: 'string-or-list', tty: s, ulimits: 'map', use_api_socket: s, user: s, userns_mode: s, uts: s, volumes: 'list', volumes_from: 'list',
    working_dir: s,
  },
};
// BUILD is referenced through 'string-or-map' leniency; keep its keys checked when build is a map.
const SERVICE_SUBSHAPES: Record<string, ObjectShape> = { build: BUILD };

const NETWORK: ObjectShape = { object: { driver: s, driver_opts: 'map', external: 'any', labels: 'map-or-list', name: s, ipam: 'map', internal: s, attachable: s, enable_ipv4: s, enable_ipv6: s } };
const VOLUME: ObjectShape = { object: { driver: s, driver_opts: 'map', external: 'any', labels: 'map-or-list', name: s } };
const SECRET_OR_CONFIG: ObjectShape = { object: { file: s, environment: s, content: s, external: 'any', name: s, labels: 'map-or-list', driver: s, driver_opts: 'map', template_driver: s } };

export const COMPOSE_FILE_SHAPE: ObjectShape = {
  object: {
    version: s,
    name: s,
    include: 'list',
    services: { mapOf: COMPOSE_SERVICE_SHAPE },
    networks: { mapOf: NETWORK },
    volumes: { mapOf: VOLUME },
    secrets: { mapOf: SECRET_OR_CONFIG },
    configs: { mapOf: SECRET_OR_CONFIG },
    models: 'map',
  },
};

function kindOf(v: unknown): 'null' | 'list' | 'map' | 'scalar' {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'object') return 'map';
  return 'scalar';
}

const EXPECTED: Record<string, string> = {
  scalar: 'a single value',
  list: 'a list',
  'string-or-list': 'a string or a list',
  'map-or-list': 'a map or a list',
  map: 'a map',
  'string-or-map': 'a string or a map',
};

/** Unknown keys and wrong shapes in a Compose file (`x-` extension keys are allowed anywhere). */
export function validateComposeFile(root: unknown): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  check(root, COMPOSE_FILE_SHAPE, [], issues);
  return issues;
}

function check(v: unknown, shape: Shape, path: YamlPath, issues: SchemaIssue[]): void {
  const kind = kindOf(v);
  if (kind === 'null' || shape === 'any') return;
  const where = path.join('.') || '(root)';
  const bad = (expected: string) => issues.push({ path, problem: 'type', message: `${where} must be ${expected}, not ${kind === 'scalar' ? JSON.stringify(v) : `a ${kind}`}` });
  if (typeof shape === 'string') {
    const ok =
      shape === 'scalar' ? kind === 'scalar'
      : shape === 'list' ? kind === 'list'
      : shape === 'map' ? kind === 'map'
      : shape === 'string-or-list' ? kind !== 'map'
      : shape === 'map-or-list' ? kind !== 'scalar'
      : kind !== 'list';
    if (!ok) bad(EXPECTED[shape]);
    const sub = SERVICE_SUBSHAPES[String(path[path.length - 1])];
    if (ok && kind === 'map' && sub && path[0] === 'services' && path.length === 3) check(v, sub, path, issues);
    return;
  }
  if ('listOf' in shape) {
    if (kind !== 'list') return void bad('a list');
    (v as unknown[]).forEach((item, i) => check(item, shape.listOf, [...path, i], issues));
    return;
  }
  if (kind !== 'map') return void bad('a map');
  const entries = Object.entries(v as Record<string, unknown>);
  if ('mapOf' in shape) {
    for (const [k, item] of entries) if (!k.startsWith('x-')) check(item, shape.mapOf, [...path, k], issues);
    return;
  }
  for (const [k, item] of entries) {
    if (k.startsWith('x-')) continue;
    const sub = shape.object[k];
    if (sub === undefined) {
      const hint = closestName(k, Object.keys(shape.object));
      issues.push({ path: [...path, k], problem: 'unknown-field', message: `unknown key "${k}" in ${path.length ? where : 'the top level'}${hint ? ` (did you mean "${hint}"?)` : ''}` });
      continue;
    }
    check(item, sub, [...path, k], issues);
  }
}
