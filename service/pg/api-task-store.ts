/**
 * The SDK's task rows as an API server writes them on PostgreSQL. Both the worker running a task and every API server
 * following it apply the task's events to the same row (each the SDK's ResultManager: load, apply, save), and two
 * processes doing that at once lose each other's updates (an artifact missing from the finished task). So a row has
 * one writer at a time: while a worker holds the task (dx_tasks.worker_id set) only that worker writes it, and an API
 * server's saves are skipped; before a worker claims it, and for what only the API server decides (a task refused
 * before it was queued, a cancel while no worker holds it), the API server writes. The check and the save are one
 * transaction holding the dx_tasks row, so a claim cannot slip in between.
 *
 * A skipped save is remembered for the request that made it (its ResultManager's next load gets it back instead of
 * reading the row): the request's view of a task it follows is then its own events applied in order, as in one
 * process, rather than a row the worker may have moved past (the follower reads events behind the worker), and each
 * followed event costs one query instead of two. Other requests (GetTask, another stream) read the row.
 */
import type { ListTasksRequest, ListTasksResponse, Task } from '@a2a-js/sdk';
import type { ServerCallContext, TaskStore } from '@a2a-js/sdk/server';
import { DatabaseTaskStore, type TaskDatabase } from '@a2a-js/sdk/server/database';
import { sql, type Kysely } from 'kysely';
import type pg from 'pg';
import { copyOf } from '../coalescing-task-store.js';
import { STREAM_END_STATES } from './api-executor.js';

export class ApiTaskStore implements TaskStore {
  /** Per request (its call context), the version of each task its last skipped save held. */
  private readonly skipped = new WeakMap<ServerCallContext, Map<string, Task>>();

  constructor(
    private readonly db: Kysely<TaskDatabase>,
    private readonly pool: pg.Pool,
    private readonly inner: TaskStore,
  ) {}

  load(taskId: string, context: ServerCallContext): Promise<Task | undefined> {
    const mine = this.skipped.get(context)?.get(taskId);
    return mine ? Promise.resolve(copyOf(mine)) : this.inner.load(taskId, context);
  }

  list(params: ListTasksRequest, context: ServerCallContext): Promise<ListTasksResponse> {
    return this.inner.list(params, context);
  }

  async save(task: Task, context: ServerCallContext): Promise<void> {
    // Most saves are of events a worker's run published while it holds the task: skipped after one plain read. A
    // skip needs no lock (the row is the holder's to write, and a held row is never one this server must write);
    // only a write does.
    // A named (prepared) statement: the query of every followed event, parsed and planned once per connection.
    const { rows: holder } = await this.pool.query<{ held: boolean }>({ name: 'dx-task-held', text: 'SELECT worker_id IS NOT NULL AS held FROM dx_tasks WHERE task_id = $1', values: [task.id] });
    if (holder[0]?.held) return this.skip(task, context);
    this.skipped.get(context)?.delete(task.id);
    const held = await this.db.transaction().execute(async (trx) => {
      const { rows } = await sql<{ held: boolean }>`SELECT worker_id IS NOT NULL AS held FROM dx_tasks WHERE task_id = ${task.id} FOR SHARE`.execute(trx);
      if (rows[0]?.held) return true;
      await new DatabaseTaskStore(trx).save(task, context);
      return false;
    });
    if (held) this.skip(task, context);
  }

  private skip(task: Task, context: ServerCallContext): void {
    let mine = this.skipped.get(context);
    if (!mine) this.skipped.set(context, (mine = new Map()));
    // A task that ended (or waits for its caller) is followed no further: later loads read the row.
    if (task.status && STREAM_END_STATES.has(task.status.state)) mine.delete(task.id);
    else mine.set(task.id, copyOf(task));
  }
}
