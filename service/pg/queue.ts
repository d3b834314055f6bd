/**
 * The job queue on pg-boss (10.x: the line that runs on Node 20): one job per task, `stately` so a task has at most
 * one job queued and one running (singletonKey = task id), retried when a worker fails it or is found dead. Order
 * is fair across keys: a job's priority is minus the number of its key's jobs already waiting, so a key that queues
 * a hundred tasks does not hold back another key's first. `NOTIFY dx_jobs` wakes idle workers at once instead of at
 * their next poll.
 */
import PgBoss from 'pg-boss';
import pg from 'pg';

export const QUEUE_NAME = 'docker-expert-tasks';
/** Advisory lock held while pg-boss sets up its schema and our queue ("dxqs"). */
export const QUEUE_SETUP_LOCK_KEY = 0x6478_7173;
export const JOBS_CHANNEL = 'dx_jobs';
/** Retries of a task whose worker failed or died (a resume each time). */
export const DEFAULT_TASK_RETRIES = 5;
/** Longest a task may run before pg-boss counts its job as expired and retries it elsewhere. */
export const JOB_EXPIRE_SECONDS = 4 * 60 * 60;

export interface TaskJob {
  taskId: string;
}

export async function startBoss(url: string, options: { maxConnections?: number; onError?: (err: Error) => void } = {}): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString: url, max: options.maxConnections ?? 4, schema: 'pgboss', application_name: 'docker-expert' });
  boss.on('error', (err: Error) => options.onError?.(err));
  // pg-boss creating its schema in several processes at once deadlocks ("deadlock detected": its advisory lock is
  // taken after CREATE SCHEMA): processes starting together on a new database take turns under our own lock.
  const lock = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [QUEUE_SETUP_LOCK_KEY]);
    await boss.start();
    // createQueue is idempotent for an existing queue (INSERT … ON CONFLICT DO NOTHING).
    await boss.createQueue(QUEUE_NAME, { name: QUEUE_NAME, policy: 'stately', retryLimit: DEFAULT_TASK_RETRIES, retryDelay: 0, expireInSeconds: JOB_EXPIRE_SECONDS });
  } catch (err) {
    await boss.stop({ graceful: false, wait: true }).catch(() => {});
    throw err;
  } finally {
    await lock.end().catch(() => {});
  }
  return boss;
}

/** How long a task whose key is at its running limit waits before a worker looks at it again (unless woken sooner). */
export const DEFER_SECONDS = 5;

/**
 * Queues a task; the owner's waiting jobs lower its priority (fair order across keys). `deferSeconds`: not before
 * then (a task a worker fetched while its key was at its running limit; wakeDeferred brings it forward).
 */
export async function enqueueTask(boss: PgBoss, pool: pg.Pool, taskId: string, owner: string, deferSeconds?: number): Promise<string | null> {
  const { rows } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pgboss.job j JOIN dx_tasks t ON t.task_id = j.singleton_key
      WHERE j.name = $1 AND j.state IN ('created', 'retry') AND t.owner = $2`,
    [QUEUE_NAME, owner],
  );
  const id = await boss.send(QUEUE_NAME, { taskId } satisfies TaskJob, { singletonKey: taskId, priority: -(rows[0]?.n ?? 0), ...(deferSeconds ? { startAfter: deferSeconds } : {}) });
  if (!deferSeconds) await pool.query(`SELECT pg_notify('${JOBS_CHANNEL}', $1)`, [taskId]);
  return id;
}

/** A task of `owner` has left a worker: the key's deferred jobs may start now, and idle workers are told. */
export async function wakeDeferred(pool: pg.Pool, owner: string): Promise<void> {
  await pool.query(
    `WITH woken AS (
       UPDATE pgboss.job j SET start_after = now() FROM dx_tasks t
        WHERE j.name = $1 AND j.state = 'created' AND j.start_after > now() AND t.task_id = j.singleton_key AND t.owner = $2 AND NOT t.finished
        RETURNING j.id)
     SELECT pg_notify('${JOBS_CHANNEL}', $2) WHERE EXISTS (SELECT 1 FROM woken)`,
    [QUEUE_NAME, owner],
  );
}
