/**
 * The SDK's task rows as an API server writes them on PostgreSQL. Both the worker running a task and every API server
 * following it apply the task's events to the same row (each the SDK's ResultManager: load, apply, save), and two
 * processes doing that at once lose each other's updates (an artifact missing from the finished task). So a row has
 * one writer at a time: while a worker holds the task (dx_tasks.worker_id set) only that worker writes it, and an API
 * server's saves are skipped; before a worker claims it, and for what only the API server decides (a task refused
 * before it was queued, a cancel while no worker holds it), the API server writes. The check and the save are one
 * transaction holding the dx_tasks row, so a claim cannot slip in between.
 */
import type { ListTasksRequest, ListTasksResponse, Task } from '@a2a-js/sdk';
import type { ServerCallContext, TaskStore } from '@a2a-js/sdk/server';
import { DatabaseTaskStore, type TaskDatabase } from '@a2a-js/sdk/server/database';
import { sql, type Kysely } from 'kysely';

export class ApiTaskStore implements TaskStore {
  constructor(
    private readonly db: Kysely<TaskDatabase>,
    private readonly inner: TaskStore,
  ) {}

  load(taskId: string, context: ServerCallContext): Promise<Task | undefined> {
    return this.inner.load(taskId, context);
  }

  list(params: ListTasksRequest, context: ServerCallContext): Promise<ListTasksResponse> {
    return this.inner.list(params, context);
  }

  async save(task: Task, context: ServerCallContext): Promise<void> {
    // Most saves are of events a worker's run published while it holds the task: skipped after one plain read. A
    // skip needs no lock (the row is the holder's to write, and a held row is never one this server must write);
    // only a write does.
    const { rows: holder } = await sql<{ held: boolean }>`SELECT worker_id IS NOT NULL AS held FROM dx_tasks WHERE task_id = ${task.id}`.execute(this.db);
    if (holder[0]?.held) return;
    await this.db.transaction().execute(async (trx) => {
      const { rows } = await sql<{ held: boolean }>`SELECT worker_id IS NOT NULL AS held FROM dx_tasks WHERE task_id = ${task.id} FOR SHARE`.execute(trx);
      if (rows[0]?.held) return;
      await new DatabaseTaskStore(trx).save(task, context);
    });
  }
}
