/**
 * One PostgreSQL database shared by every API server and worker (`--database postgres://…`): a connection pool, a
 * Kysely instance over it for the SDK's stores, and the schema brought up to date at start. Migrations run under a
 * session advisory lock, so any number of processes may start at once: one migrates, the others wait and then find
 * nothing to do. The tables are the SDK's (tasks, push configs: its own migrations) and ours (dx_*, below).
 */
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';

/** Key of the advisory lock held while migrating (any constant no other application uses). */
export const MIGRATION_LOCK_KEY = 0x6478_6d67; // "dxmg"

/** Our schema, one entry per version; a version once released is never edited, only followed by another. */
const MIGRATIONS: string[] = [
  `
  CREATE TABLE dx_api_keys (
    name text PRIMARY KEY,
    id text NOT NULL UNIQUE,
    hash text NOT NULL,
    created timestamptz NOT NULL DEFAULT now()
  );
  -- What a task was asked (the caller's message, with its workspace) and who runs it now.
  CREATE TABLE dx_tasks (
    task_id text PRIMARY KEY,
    tenant text NOT NULL,
    owner text NOT NULL,
    context_id text NOT NULL,
    message jsonb NOT NULL,
    created timestamptz NOT NULL DEFAULT now(),
    worker_id text,
    job_id text,
    attempts integer NOT NULL DEFAULT 0,
    cancel_requested boolean NOT NULL DEFAULT false,
    finished boolean NOT NULL DEFAULT false
  );
  CREATE INDEX dx_tasks_worker ON dx_tasks (worker_id) WHERE worker_id IS NOT NULL AND NOT finished;
  -- Every event of a task, in order: the source of truth that streams on any API server read (LISTEN/NOTIFY only
  -- says that there is more to read).
  CREATE TABLE dx_task_events (
    task_id text NOT NULL,
    seq integer NOT NULL,
    kind text NOT NULL,
    event jsonb NOT NULL,
    created timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (task_id, seq)
  );
  -- Session journals: the JSONL journal's records, one row each, append-only.
  CREATE TABLE dx_journal (
    task_id text NOT NULL,
    seq integer NOT NULL,
    record jsonb NOT NULL,
    PRIMARY KEY (task_id, seq)
  );
  CREATE TABLE dx_workers (
    id text PRIMARY KEY,
    host text NOT NULL,
    pid integer NOT NULL,
    started timestamptz NOT NULL DEFAULT now(),
    heartbeat timestamptz NOT NULL DEFAULT now()
  );
  `,
  `
  -- Journal records as their exact JSON text (jsonb refuses a NUL character, which tool output may hold).
  ALTER TABLE dx_journal ALTER COLUMN record TYPE text USING record::text;
  -- A task's file changes after each tool call (service/pg/workspace-files.ts): what a takeover replays onto a fresh
  -- copy of the task's source. sha256 NULL: the file was removed; base_sha256 NULL: it did not exist before.
  CREATE TABLE dx_task_files (
    task_id text NOT NULL,
    seq integer NOT NULL,
    path text NOT NULL,
    base_sha256 text,
    sha256 text,
    content bytea,
    PRIMARY KEY (task_id, seq)
  );
  `,
  `
  -- A place in the per-key queue limit taken by a request that is creating a task (service/pg/admission.ts).
  CREATE TABLE dx_admissions (
    id text PRIMARY KEY,
    owner text NOT NULL,
    created timestamptz NOT NULL DEFAULT now()
  );
  CREATE INDEX dx_admissions_owner ON dx_admissions (owner, created);
  CREATE INDEX dx_tasks_waiting ON dx_tasks (owner) WHERE NOT finished AND worker_id IS NULL;
  `,
  `
  -- --max-running-per-key across every worker: the limit of the API server that queued the task (NULL: none beyond
  -- the workers' slots), counted against the key's tasks held by a worker when one claims it (service/pg/tasks.ts).
  ALTER TABLE dx_tasks ADD COLUMN max_running integer;
  CREATE INDEX dx_tasks_running ON dx_tasks (owner) WHERE NOT finished AND worker_id IS NOT NULL;
  `,
];

export interface PgConnection {
  readonly url: string;
  /** The URL without its password, for logs. */
  readonly description: string;
  readonly pool: pg.Pool;
  readonly db: Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- the SDK's stores type their own tables
  close(): Promise<void>;
}

export class DatabaseUrlError extends Error {}

/** Checks a `--database` value: a postgres:// or postgresql:// URL with a database name. */
export function parseDatabaseUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DatabaseUrlError(`--database ${redactUrl(url)}: not a URL; expected postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE`);
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') throw new DatabaseUrlError(`--database ${redactUrl(url)}: expected a postgres:// URL (SQLite is the default without --database)`);
  if (!parsed.hostname) throw new DatabaseUrlError(`--database ${redactUrl(url)}: no host`);
  if (parsed.pathname.length <= 1) throw new DatabaseUrlError(`--database ${redactUrl(url)}: no database name (…/DATABASE)`);
  return parsed;
}

export function redactUrl(url: string): string {
  return url.replace(/(\/\/[^:@/]*):[^@/]*@/, '$1:***@');
}

export interface ConnectOptions {
  /** Most connections this process opens (default 10). */
  maxConnections?: number;
  /** Runs the SDK's own migrations (the task and push notification tables) for this URL. */
  migrateSdk: (url: string) => Promise<void>;
}

export async function connectPostgres(url: string, options: ConnectOptions): Promise<PgConnection> {
  parseDatabaseUrl(url);
  const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 10, connectionTimeoutMillis: 10_000 });
  // An idle client's connection error (a database restart) must not end the process: the pool replaces it.
  pool.on('error', () => {});
  // A client checked out between two statements (a transaction) gets the server's "terminating connection" as an
  // 'error' event, which would end the process with no listener: the statement in flight fails on its own anyway.
  pool.on('connect', (client) => client.on('error', () => {}));
  try {
    await migrate(pool, url, options.migrateSdk);
  } catch (err) {
    await pool.end().catch(() => {});
    throw new Error(`PostgreSQL at ${redactUrl(url)}: ${(err as Error).message}`);
  }
  const db = new Kysely<any>({ dialect: new PostgresDialect({ pool }) }); // eslint-disable-line @typescript-eslint/no-explicit-any
  return {
    url,
    description: redactUrl(url),
    pool,
    db,
    close: async () => {
      await db.destroy().catch(() => {});
    },
  };
}

async function migrate(pool: pg.Pool, url: string, migrateSdk: (url: string) => Promise<void>): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await migrateSdk(url);
      await client.query('CREATE TABLE IF NOT EXISTS dx_schema (version integer PRIMARY KEY, applied timestamptz NOT NULL DEFAULT now())');
      const { rows } = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM dx_schema');
      const current = rows[0]?.v ?? 0;
      if (current > MIGRATIONS.length) throw new Error(`the database's schema is version ${current}, newer than this docker-expert knows (${MIGRATIONS.length}): upgrade docker-expert`);
      for (let v = current + 1; v <= MIGRATIONS.length; v++) {
        await client.query('BEGIN');
        try {
          await client.query(MIGRATIONS[v - 1]!);
          await client.query('INSERT INTO dx_schema (version) VALUES ($1)', [v]);
          await client.query('COMMIT');
        } catch (err) {
          await client.query('ROLLBACK');
          throw new Error(`schema migration ${v} failed: ${(err as Error).message}`);
        }
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    client.release();
  }
}

/** The latest schema version this build knows. */
export const SCHEMA_VERSION = MIGRATIONS.length;
