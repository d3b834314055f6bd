/**
 * The per-key queue limit on PostgreSQL, held across every API server: a request that would create a task takes a
 * place (a dx_admissions row) only while its key has fewer than `maxQueuedPerKey` tasks waiting for a worker (queued
 * dx_tasks rows no worker holds) plus places taken by requests still in flight. Counting and taking run under a
 * transaction-scoped advisory lock on the key, so two servers cannot both take the last place. The task's own row
 * replaces its request's place when the task is queued (TaskTable.insert); a request that ends without a task gives its place
 * back; a place left by a crashed server stops counting after ADMISSION_TTL_S.
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { SchedulerRefusal, type Reservation } from '../scheduler.js';

/** Advisory lock class of the per-key admission lock (the key's hash is the second half); "dxad". */
export const ADMISSION_LOCK_CLASS = 0x6478_6164;
/** How long a place taken by a request that never ended (its server died) counts. */
export const ADMISSION_TTL_S = 300;

export class PgAdmission {
  constructor(
    private readonly pool: pg.Pool,
    private readonly maxQueuedPerKey: number,
  ) {}

  /** A place for a new task of `key`, or SchedulerRefusal (429) naming the limit. */
  async reserve(key: string): Promise<Reservation> {
    const id = randomUUID();
    const client = await this.pool.connect();
    let waiting: number;
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [ADMISSION_LOCK_CLASS, key]);
      const { rows } = await client.query<{ n: number }>(
        `SELECT (SELECT count(*) FROM dx_tasks WHERE owner = $1 AND NOT finished AND worker_id IS NULL)
              + (SELECT count(*) FROM dx_admissions WHERE owner = $1 AND created > now() - make_interval(secs => $2)) AS n`,
        [key, ADMISSION_TTL_S],
      );
      waiting = Number(rows[0]!.n);
      if (waiting < this.maxQueuedPerKey) await client.query('INSERT INTO dx_admissions (id, owner) VALUES ($1, $2)', [id, key]);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
    if (waiting >= this.maxQueuedPerKey) {
      throw new SchedulerRefusal(`this key already has ${waiting} tasks waiting for a worker (at most ${this.maxQueuedPerKey}, --max-queued-per-key, on every API server); retry when one has started`);
    }
    return {
      key,
      placeId: id,
      release: () => void this.pool.query('DELETE FROM dx_admissions WHERE id = $1', [id]).catch(() => {}),
    };
  }
}
