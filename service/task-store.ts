/**
 * Where `serve` keeps its tasks: the SDK's own `DatabaseTaskStore` on a Kysely connection, with the SDK's own
 * migrations (`a2a-db upgrade`, run in-process at start). The default backend is a SQLite file under `--data`
 * (better-sqlite3); nothing else needs to be started.
 *
 * The rest of the service sees only {@link ServiceTaskStore}:
 * - `tasks`: the SDK `TaskStore` the request handler reads and writes (the SDK scopes every row by tenant and owner,
 *   the owner being the key's id);
 * - `unfinished()` / `finishedBefore()` / `remove()`: the few cross-owner queries the service itself needs (resume at
 *   start, `--retention`), in plain Kysely so that they run unchanged on every dialect the SDK supports;
 * - `ping()` for `/readyz`, and `close()`.
 *
 * A new backend (PostgreSQL: `--database postgres://…`) is one more case in {@link openTaskStore}: a Kysely dialect for
 * its URL and the SDK migrations run against that URL; {@link KyselyTaskStore} does the rest. `db` is exposed so that
 * other SDK stores (`DatabasePushNotificationStore`) can share the connection; the migrations create their tables too.
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TaskState, taskStateToJSON, type Task } from '@a2a-js/sdk';
import { ServerCallContext, type TaskStore, type User } from '@a2a-js/sdk/server';
import { DatabaseTaskStore, TASK_TABLE, type TaskDatabase } from '@a2a-js/sdk/server/database';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { CoalescingTaskStore, DEFAULT_COALESCE_MS } from './coalescing-task-store.js';
import { startWalCheckpointer, type CheckpointerOptions } from './wal-checkpointer.js';

/** Which backend and where. */
export type TaskStoreSpec = {
  kind: 'sqlite';
  file: string;
  /** How long progress updates within a state may wait to be written (DEFAULT_COALESCE_MS). */
  coalesceMs?: number;
  /** How often a thread of its own checkpoints the WAL (wal-checkpointer.ts; DEFAULT_CHECKPOINT_INTERVAL_MS). */
  checkpointIntervalMs?: number;
  /** Told of each checkpoint that thread ran, and of its failure (tests, logs). */
  onCheckpoint?: CheckpointerOptions['onCheckpoint'];
  onCheckpointError?: CheckpointerOptions['onError'];
};

/** A task as the service's own queries see it (any owner). */
export interface TaskRef {
  tenant: string;
  /** The key id that made the task. */
  owner: string;
  id: string;
}

export interface ServiceTaskStore {
  /** What the store is, for logs (`sqlite:/path/tasks.db`); never holds a password. */
  readonly description: string;
  readonly db: Kysely<TaskDatabase>;
  /** The SDK task store, owner-scoped. */
  readonly tasks: TaskStore;
  /** Every task still SUBMITTED or WORKING, oldest first: those a restart resumes. */
  unfinished(): Promise<TaskRef[]>;
  /** Tasks in a final state (or waiting on the caller) whose status last changed before `cutoffMs`. */
  finishedBefore(cutoffMs: number): Promise<TaskRef[]>;
  /** How many tasks are in each state (`TASK_STATE_…` names), for /metrics. */
  countByState(): Promise<Record<string, number>>;
  /** Loads a task for its owner (as the SDK does for that owner's requests). */
  load(ref: TaskRef): Promise<Task | undefined>;
  remove(ref: TaskRef): Promise<void>;
  /** True when a query answers: the store is open and accepting. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export const UNFINISHED_STATES = [TaskState.TASK_STATE_SUBMITTED, TaskState.TASK_STATE_WORKING];
/** The states a task can stay in without a run of ours behind it (retention applies to them). */
export const SETTLED_STATES = [
  TaskState.TASK_STATE_COMPLETED,
  TaskState.TASK_STATE_FAILED,
  TaskState.TASK_STATE_CANCELED,
  TaskState.TASK_STATE_REJECTED,
  TaskState.TASK_STATE_INPUT_REQUIRED,
  TaskState.TASK_STATE_AUTH_REQUIRED,
];

/** The SDK request context a task's owner would have: the store scopes rows by it. */
export function ownerContext(ref: Pick<TaskRef, 'tenant' | 'owner'>): ServerCallContext {
  const user: User = { isAuthenticated: true, userName: ref.owner };
  return new ServerCallContext({ user, tenant: ref.tenant || undefined });
}

/** The Kysely-backed store; the dialect is the backend's only difference. */
export class KyselyTaskStore implements ServiceTaskStore {
  readonly tasks: TaskStore;
  private readonly cache?: CoalescingTaskStore;
  private readonly beforeClose?: () => Promise<void>;

  /** `coalesceMs`: only for a store no other process writes (SQLite); see coalescing-task-store.ts. */
  constructor(
    readonly db: Kysely<TaskDatabase>,
    readonly description: string,
    options: { coalesceMs?: number; beforeClose?: () => Promise<void> } = {},
  ) {
    this.beforeClose = options.beforeClose;
    const tasks = new DatabaseTaskStore(db);
    this.cache = options.coalesceMs !== undefined ? new CoalescingTaskStore(tasks, options.coalesceMs) : undefined;
    this.tasks = this.cache ?? tasks;
  }

  async unfinished(): Promise<TaskRef[]> {
    return this.refs(UNFINISHED_STATES, 'asc');
  }

  async finishedBefore(cutoffMs: number): Promise<TaskRef[]> {
    return this.refs(SETTLED_STATES, 'asc', cutoffMs);
  }

  private async refs(states: TaskState[], order: 'asc' | 'desc', before?: number): Promise<TaskRef[]> {
    let q = this.db
      .selectFrom(TASK_TABLE)
      .select(['tenant', 'owner', 'id'])
      .where(
        'status_state',
        'in',
        states.map((s) => taskStateToJSON(s)),
      );
    if (before !== undefined) q = q.where('status_last_updated', '<', before);
    return q.orderBy('status_last_updated', order).orderBy('id', order).execute();
  }

  async countByState(): Promise<Record<string, number>> {
    const rows = await this.db
      .selectFrom(TASK_TABLE)
      .select(['status_state', (eb) => eb.fn.countAll().as('n')])
      .groupBy('status_state')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.status_state ?? '', Number(r.n)]));
  }

  load(ref: TaskRef): Promise<Task | undefined> {
    return this.tasks.load(ref.id, ownerContext(ref));
  }

  async remove(ref: TaskRef): Promise<void> {
    this.cache?.evict(ref.id, ownerContext(ref));
    await this.db.deleteFrom(TASK_TABLE).where('tenant', '=', ref.tenant).where('owner', '=', ref.owner).where('id', '=', ref.id).execute();
  }

  async ping(): Promise<boolean> {
    try {
      await sql`select 1`.execute(this.db);
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.cache?.flushAll();
    await this.beforeClose?.();
    await this.db.destroy();
  }
}

export const TASKS_DB_FILE = 'tasks.db';

/** Opens (and migrates) the store a spec names. */
export async function openTaskStore(spec: TaskStoreSpec): Promise<ServiceTaskStore> {
  switch (spec.kind) {
    case 'sqlite':
      return openSqlite(spec);
  }
}

async function openSqlite(spec: TaskStoreSpec): Promise<ServiceTaskStore> {
  const { file } = spec;
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const url = `sqlite:${file}`;
  await migrate(url);
  const require = createRequire(import.meta.url);
  const Database = require('better-sqlite3') as typeof import('better-sqlite3');
  const database = new Database(file, { timeout: 5000 });
  // WAL: readers (GetTask, ListTasks) do not wait for the writer; NORMAL sync is durable across a process kill.
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  // Checkpoints run on a thread of their own, never inside a commit on the request thread.
  const checkpointer = startWalCheckpointer(database, file, { intervalMs: spec.checkpointIntervalMs, onCheckpoint: spec.onCheckpoint, onError: spec.onCheckpointError });
  // Kysely prepares every query anew; the store's queries are a handful of fixed texts, so keep their statements
  // (one connection, queries one at a time: a statement is never used twice at once).
  const statements = new Map<string, ReturnType<typeof database.prepare>>();
  const cached = {
    close: () => database.close(),
    prepare: (text: string) => {
      let statement = statements.get(text);
      if (!statement) {
        statement = database.prepare(text);
        if (statements.size < 256) statements.set(text, statement);
      }
      return statement;
    },
  };
  return new KyselyTaskStore(new Kysely<TaskDatabase>({ dialect: new SqliteDialect({ database: cached }) }), url, { coalesceMs: spec.coalesceMs ?? DEFAULT_COALESCE_MS, beforeClose: () => checkpointer.stop() });
}

/**
 * The SDK's own schema migrations (what `npx a2a-db upgrade --url URL` does), run in-process. The SDK ships them in
 * its `a2a-db` command rather than as an export, so its module is loaded by path; the SDK version is pinned.
 */
export async function migrate(url: string): Promise<void> {
  const require = createRequire(import.meta.url);
  const runJs = path.join(path.dirname(require.resolve('@a2a-js/sdk')), 'cli', 'run.js');
  const { run } = (await import(pathToFileURL(runJs).href)) as { run(argv: string[], env: NodeJS.ProcessEnv, output: Pick<Console, 'log' | 'error'>): Promise<number> };
  const errors: string[] = [];
  const code = await run(['upgrade', '--url', url], {}, { log: () => {}, error: (e: unknown) => errors.push(String(e)) });
  if (code !== 0) throw new Error(`the task store's schema could not be brought up to date (${url.replace(/\/\/[^@/]*@/, '//…@')}): ${errors.join('; ')}`);
}
