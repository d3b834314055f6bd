/**
 * dx_tasks: what each task was asked and which worker holds it. A row changes hands only through single UPDATE
 * statements, so two processes never both think they own a task: a worker claims a row that is not finished; the
 * reaper releases the rows of workers whose heartbeat stopped; a cancel of a task no worker holds finishes it. A task
 * queued with a per-key running limit (`max_running`) is claimed only while its key has fewer tasks held by workers,
 * counted and claimed under a transaction-scoped advisory lock on the key, so two workers cannot both take the last
 * place.
 */
import { Message } from '@a2a-js/sdk';
import type pg from 'pg';

export const CANCEL_CHANNEL = 'dx_cancel';
/** Advisory lock class of the per-key running limit (the key's hash is the second half); "dxrn". */
export const RUNNING_LOCK_CLASS = 0x6478_726e;

export interface TaskRow {
  taskId: string;
  tenant: string;
  owner: string;
  contextId: string;
  message: Message;
  attempts: number;
  cancelRequested: boolean;
  /** The key's most tasks held by workers at once (--max-running-per-key of the API server that queued it), if any. */
  maxRunning: number | null;
}

/** A worker's claim: the task is its own now, or it is over, or its key runs as many tasks as it may (try later). */
export type Claim = { kind: 'claimed'; row: TaskRow } | { kind: 'finished' } | { kind: 'at-limit'; owner: string; running: number; limit: number };

type ClaimedRow = { task_id: string; tenant: string; owner: string; context_id: string; message: unknown; attempts: number; cancel_requested: boolean; max_running: number | null };
const CLAIM_SET = 'SET worker_id = $2, job_id = $3, attempts = attempts + 1';
const CLAIM_RETURNING = 'RETURNING task_id, tenant, owner, context_id, message, attempts, cancel_requested, max_running';
const claimed = (r: ClaimedRow): Claim => ({
  kind: 'claimed',
  row: { taskId: r.task_id, tenant: r.tenant, owner: r.owner, contextId: r.context_id, message: Message.fromJSON(r.message), attempts: r.attempts, cancelRequested: r.cancel_requested, maxRunning: r.max_running },
});

export class TaskTable {
  constructor(private readonly pool: pg.Pool) {}

  /**
   * Records a new task; in the same statement its row takes over `placeId`, the place its own request held in the
   * per-key limit (any other request's place stays: taking one would let that request's key go past the limit until
   * it ends).
   */
  async insert(row: Omit<TaskRow, 'attempts' | 'cancelRequested' | 'maxRunning'> & { maxRunning?: number }, placeId?: string): Promise<void> {
    await this.pool.query(
      `WITH place AS (DELETE FROM dx_admissions WHERE id = $6)
       INSERT INTO dx_tasks (task_id, tenant, owner, context_id, message, max_running) VALUES ($1, $2, $3, $4, $5, $7) ON CONFLICT (task_id) DO NOTHING`,
      [row.taskId, row.tenant, row.owner, row.contextId, JSON.stringify(Message.toJSON(row.message)), placeId ?? null, row.maxRunning ?? null],
    );
  }

  /** Takes the task for `workerId` (with the pg-boss job running it), unless it is finished or its key is at its running limit. */
  async claim(taskId: string, workerId: string, jobId: string): Promise<Claim> {
    // A task without a running limit: one statement, as always.
    const free = await this.pool.query<ClaimedRow>(`UPDATE dx_tasks ${CLAIM_SET} WHERE task_id = $1 AND NOT finished AND max_running IS NULL ${CLAIM_RETURNING}`, [taskId, workerId, jobId]);
    if (free.rows[0]) return claimed(free.rows[0]);
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const { rows: found } = await client.query<{ owner: string; max_running: number | null }>('SELECT owner, max_running FROM dx_tasks WHERE task_id = $1 AND NOT finished', [taskId]);
      const task = found[0];
      if (!task) {
        await client.query('COMMIT');
        return { kind: 'finished' };
      }
      // Counted after the lock is held (a statement of its own: its snapshot then sees every claim made before).
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [RUNNING_LOCK_CLASS, task.owner]);
      const { rows: counted } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM dx_tasks WHERE owner = $1 AND worker_id IS NOT NULL AND NOT finished AND task_id <> $2', [task.owner, taskId]);
      const running = counted[0]!.n;
      if (task.max_running !== null && running >= task.max_running) {
        await client.query('COMMIT');
        return { kind: 'at-limit', owner: task.owner, running, limit: task.max_running };
      }
      const { rows } = await client.query<ClaimedRow>(`UPDATE dx_tasks ${CLAIM_SET} WHERE task_id = $1 AND NOT finished ${CLAIM_RETURNING}`, [taskId, workerId, jobId]);
      await client.query('COMMIT');
      return rows[0] ? claimed(rows[0]) : { kind: 'finished' };
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }

  /**
   * The rows `workerId` holds that are not in `held` (what it is claiming or running): a run that ended with an error
   * while the database was away (a restart) left neither its outcome nor pg-boss's fail of its job, or a claim
   * committed but its answer was lost. The worker is alive, so no reaper would take such a task: `release` does.
   */
  async unheld(workerId: string, held: ReadonlySet<string>): Promise<{ taskId: string; attempts: number }[]> {
    const { rows } = await this.pool.query<{ task_id: string; attempts: number }>('SELECT task_id, attempts FROM dx_tasks WHERE worker_id = $1 AND NOT finished', [workerId]);
    return rows.filter((r) => !held.has(r.task_id)).map((r) => ({ taskId: r.task_id, attempts: r.attempts }));
  }

  /** Releases what `unheld` found (its job is then handed out again by the stale-job check), unless claimed again since (attempts moved on). */
  async release(workerId: string, rows: { taskId: string; attempts: number }[]): Promise<string[]> {
    const released: string[] = [];
    for (const r of rows) {
      const { rowCount } = await this.pool.query('UPDATE dx_tasks SET worker_id = NULL WHERE task_id = $1 AND worker_id = $2 AND attempts = $3 AND NOT finished', [r.taskId, workerId, r.attempts]);
      if (rowCount) released.push(r.taskId);
    }
    return released;
  }

  async finish(taskId: string): Promise<void> {
    await this.pool.query('UPDATE dx_tasks SET finished = true WHERE task_id = $1', [taskId]);
  }

  /**
   * Asks for a cancel. 'unclaimed' when no worker held the task (it is now finished, and the caller ends it);
   * 'signalled' when a worker holds it (it is told through NOTIFY dx_cancel); 'finished' when it was over already.
   */
  async requestCancel(taskId: string): Promise<'unclaimed' | 'signalled' | 'finished'> {
    const { rows } = await this.pool.query<{ was_claimed: boolean; finished: boolean }>(
      `UPDATE dx_tasks SET cancel_requested = true, finished = finished OR worker_id IS NULL
        WHERE task_id = $1 RETURNING worker_id IS NOT NULL AS was_claimed, finished`,
      [taskId],
    );
    const r = rows[0];
    if (!r) return 'finished';
    if (!r.was_claimed) return 'unclaimed';
    await this.pool.query(`SELECT pg_notify('${CANCEL_CHANNEL}', $1)`, [taskId]);
    return 'signalled';
  }

  async cancelRequested(taskId: string): Promise<boolean> {
    const { rows } = await this.pool.query<{ c: boolean }>('SELECT cancel_requested AS c FROM dx_tasks WHERE task_id = $1', [taskId]);
    return rows[0]?.c ?? false;
  }
}
