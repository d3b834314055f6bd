/**
 * The real PostgreSQL for tests: the cluster `scripts/postgres/setup.sh` starts (or any server named by
 * DOCKER_EXPERT_TEST_DATABASE_URL). Tests ask `postgresForTests()` once; without a reachable server they skip with
 * the reason in their title, unless DOCKER_EXPERT_REQUIRE_POSTGRES=1 (CI), where that is an error. Each test file
 * gets databases of its own (`freshDatabase`), dropped again by `dropAll`.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';

/** Where scripts/postgres/setup.sh writes the test database's URL (override: DOCKER_EXPERT_PG_ENV). */
export const POSTGRES_ENV_FILE = '/tmp/docker-expert-postgres/env';
/** How long connecting may take before the server counts as unreachable. */
export const POSTGRES_PROBE_TIMEOUT_MS = 5_000;

export interface PostgresSetup {
  /** The URL of the setup's own database (databases are made beside it). */
  url: string;
  /** Values setup.sh wrote: DOCKER_EXPERT_PG_BIN, DOCKER_EXPERT_PG_DATA (to restart the server). */
  vars: Record<string, string>;
}

export type PostgresStatus = { ok: true; setup: PostgresSetup } | { ok: false; reason: string };

function readEnvFile(file: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return {};
  }
  const vars: Record<string, string> = {};
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!m) throw new Error(`${file}:${i + 1}: expected KEY=VALUE, got ${JSON.stringify(raw)}`);
    vars[m[1]!] = m[2]!;
  });
  return vars;
}

export async function probePostgres(env: NodeJS.ProcessEnv = process.env): Promise<PostgresStatus> {
  const file = env.DOCKER_EXPERT_PG_ENV ?? POSTGRES_ENV_FILE;
  const vars = readEnvFile(file);
  const url = env.DOCKER_EXPERT_TEST_DATABASE_URL ?? vars.DOCKER_EXPERT_TEST_DATABASE_URL;
  if (!url) return { ok: false, reason: `no DOCKER_EXPERT_TEST_DATABASE_URL and no ${file} (run scripts/postgres/setup.sh)` };
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: POSTGRES_PROBE_TIMEOUT_MS });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return { ok: true, setup: { url, vars } };
  } catch (err) {
    return { ok: false, reason: `PostgreSQL at ${redact(url)} is not reachable: ${(err as Error).message}` };
  } finally {
    await client.end().catch(() => {});
  }
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

export interface PostgresForTests {
  skip?: string;
  title: string;
  setup?: PostgresSetup;
  /** A new, empty database; its URL. */
  freshDatabase(): Promise<string>;
  /** Drops every database freshDatabase made (afterAll). */
  dropAll(): Promise<void>;
}

/** For describe.skipIf: skips without a server, throws instead under DOCKER_EXPERT_REQUIRE_POSTGRES=1. */
export async function postgresForTests(title: string, env: NodeJS.ProcessEnv = process.env): Promise<PostgresForTests> {
  const status = await probePostgres(env);
  if (!status.ok) {
    if (env.DOCKER_EXPERT_REQUIRE_POSTGRES === '1') throw new Error(`DOCKER_EXPERT_REQUIRE_POSTGRES=1 but ${status.reason}`);
    const fail = () => Promise.reject(new Error(status.reason));
    return { skip: status.reason, title: `${title} (skipped: ${status.reason})`, freshDatabase: fail, dropAll: async () => {} };
  }
  const made: string[] = [];
  const admin = async <T>(fn: (c: pg.Client) => Promise<T>): Promise<T> => {
    const c = new pg.Client({ connectionString: status.setup.url, connectionTimeoutMillis: POSTGRES_PROBE_TIMEOUT_MS });
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.end().catch(() => {});
    }
  };
  return {
    title,
    setup: status.setup,
    freshDatabase: async () => {
      const name = `dx_test_${randomBytes(6).toString('hex')}`;
      await admin((c) => c.query(`CREATE DATABASE ${name}`));
      made.push(name);
      const url = new URL(status.setup.url);
      url.pathname = `/${name}`;
      return url.toString();
    },
    dropAll: async () => {
      const names = made.splice(0);
      if (names.length === 0) return;
      await admin(async (c) => {
        for (const name of names) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      });
    },
  };
}

export interface PrivateCluster {
  url: string;
  /** `pg_ctl restart -m fast`: every connection is cut, the server is back when this resolves. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A cluster of its own for a test that restarts PostgreSQL (the shared one serves other test files at the same
 * time): scripts/postgres/setup.sh in a new folder on a port that was free a moment ago (tried again on another port
 * if it was taken meanwhile).
 */
export async function startPrivateCluster(): Promise<PrivateCluster> {
  const { execa } = await import('execa');
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const path = await import('node:path');
  const net = await import('node:net');
  const freePort = () =>
    new Promise<number>((resolve, reject) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = s.address() as { port: number };
        s.close(() => resolve(port));
      });
      s.on('error', reject);
    });
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const dir = mkdtempSync(path.join(tmpdir(), 'dx-pg-own-'));
    const setup = await execa('bash', [path.resolve('scripts/postgres/setup.sh')], { env: { ...process.env, DOCKER_EXPERT_PG_DIR: dir, DOCKER_EXPERT_PG_PORT: String(await freePort()) }, reject: false });
    if (setup.exitCode !== 0) {
      lastError = new Error(`setup.sh failed: ${setup.stderr}`);
      rmSync(dir, { recursive: true, force: true });
      continue;
    }
    const vars = readEnvFile(path.join(dir, 'env'));
    const bin = vars.DOCKER_EXPERT_PG_BIN!;
    const data = vars.DOCKER_EXPERT_PG_DATA!;
    const owner = async (flag: string) => (await execa('id', [flag, 'docker-expert-pg'])).stdout.trim();
    const asOwner = process.getuid?.() === 0 ? ['setpriv', `--reuid=${await owner('-u')}`, `--regid=${await owner('-g')}`, '--clear-groups', '--'] : [];
    const pgCtl = (args: string[]) => execa(asOwner[0] ?? `${bin}/pg_ctl`, [...asOwner.slice(1), ...(asOwner.length ? [`${bin}/pg_ctl`] : []), '-D', data, ...args]);
    return {
      url: vars.DOCKER_EXPERT_TEST_DATABASE_URL!,
      restart: async () => {
        await pgCtl(['-l', path.join(dir, 'server.log'), '-m', 'fast', '-w', '-t', '60', 'restart']);
      },
      stop: async () => {
        await pgCtl(['-m', 'immediate', '-w', 'stop']).catch(() => {});
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  throw lastError;
}
