/**
 * `docker-expert worker --database …`: takes tasks from the pg-boss queue and runs them with the same executor as
 * `serve` (its own task folders under --data), writing every event to dx_task_events (what API servers stream) and
 * to the SDK's task row. Each worker heartbeats in dx_workers; every worker also reaps: the tasks of a worker silent
 * for longer than `deadAfterMs` are released and their jobs failed, so pg-boss hands them to another worker.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SendMessageRequest, TaskState, type Task } from '@a2a-js/sdk';
import { AgentEvent, DefaultExecutionEventBus, DefaultExecutionEventBusManager, RequestContext, ResultManager, type AgentExecutionEvent, type ExecutionEventBus } from '@a2a-js/sdk/server';
import type PgBoss from 'pg-boss';
import { CoalescingTaskStore, DEFAULT_COALESCE_MS } from '../coalescing-task-store.js';
import { DockerExpertExecutor, type ExecutorOptions } from '../executor.js';
import { Scheduler } from '../scheduler.js';
import { statusUpdate, textPart } from '../messages.js';
import { ownerContext, type ServiceTaskStore } from '../task-store.js';
import { rebuildSession } from '../../agent/session/rebuild.js';
import { JOURNAL_FILE } from '../../agent/session/records.js';
import { WorkspaceError } from '../workspace.js';
import { Notifications, TaskEventLog } from './events.js';
import { journalLines, PgTaskJournal, readStoredJournal, workFolder, type StoredJournal } from './journal.js';
import { removeOrphanContainers } from './janitor.js';
import { retryingConnection } from './retry.js';
import { applyFileChanges } from './workspace-files.js';
import type { PgConnection } from './connect.js';
import { DEFER_SECONDS, enqueueTask, JOBS_CHANNEL, QUEUE_NAME, wakeDeferred, type TaskJob } from './queue.js';
import { CANCEL_CHANNEL, TaskTable, type TaskRow } from './tasks.js';

export const DEFAULT_CONCURRENCY = 2;
export const HEARTBEAT_MS = 5_000;
/** A worker silent this long is dead: its tasks go to others (well inside the 60 s the service promises). */
export const DEFAULT_DEAD_AFTER_MS = 30_000;
export const REAP_EVERY_MS = 10_000;

/** What runs a task, as for serve's own executor; the worker brings the scheduler (its slots). */
export type RunOptions = Omit<ExecutorOptions, 'scheduler' | 'observe' | 'taskStore' | 'busManager'>;

export interface WorkerOptions {
  connection: PgConnection;
  boss: PgBoss;
  store: ServiceTaskStore;
  concurrency: number;
  executor: RunOptions;
  deadAfterMs?: number;
  onLog?: (line: Record<string, unknown>) => void;
}

export interface WorkerHandle {
  id: string;
  /** Stops taking tasks and stops the running ones (their jobs are failed, so they are retried elsewhere). */
  close(): Promise<void>;
}

export async function startWorker(options: WorkerOptions): Promise<WorkerHandle> {
  const { connection, boss } = options;
  const pool = connection.pool;
  const id = `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  const log = (event: string, extra: Record<string, unknown> = {}) => options.onLog?.({ time: new Date().toISOString(), event, worker_id: id, ...extra });
  const tasks = new TaskTable(pool);
  const events = new TaskEventLog(pool);
  // pg-boss hands this worker at most `concurrency` tasks at once; the scheduler only runs them.
  const slots = options.concurrency;
  const journal = new PgTaskJournal(pool, (taskId) => workFolder(options.executor.dataDir, taskId));
  // Only this worker writes the row of a task it holds (api-task-store.ts), so progress within a state is written
  // together a moment later, as serve does on SQLite; a new state is written before the event that announces it.
  const taskStore = new CoalescingTaskStore(options.store.tasks, DEFAULT_COALESCE_MS, (err, taskId) => log('task_save_failed', { task_id: taskId, error: err.message }));
  const executor = new DockerExpertExecutor({
    ...options.executor,
    journal,
    taskStore,
    busManager: new DefaultExecutionEventBusManager(),
    scheduler: new Scheduler({ workers: slots, maxRunningPerKey: slots, maxQueuedPerKey: slots, maxQueued: slots }),
  });
  const running = new Map<string, ExecutionEventBus>();
  /** Tasks this worker is claiming or running: a row it holds that is not in here was lost (TaskTable.unheld). */
  const held = new Set<string>();
  const deadAfter = options.deadAfterMs ?? DEFAULT_DEAD_AFTER_MS;
  let closing = false;

  await pool.query('INSERT INTO dx_workers (id, host, pid) VALUES ($1, $2, $3)', [id, hostname(), process.pid]);
  const heartbeat = setInterval(() => {
    pool.query('UPDATE dx_workers SET heartbeat = now() WHERE id = $1', [id]).catch((err: Error) => log('heartbeat_failed', { error: err.message }));
  }, HEARTBEAT_MS);

  const releaseLost = async () => {
    const lost = await tasks.unheld(id, held);
    for (const taskId of await tasks.release(id, lost)) log('task_released', { task_id: taskId, reason: 'held by this worker but not running' });
  };

  const reap = async () => {
    await releaseLost();
    const { rows } = await pool.query<{ task_id: string; job_id: string | null; worker_id: string }>(
      `WITH dead AS (
         SELECT t.task_id, t.worker_id FROM dx_tasks t
          WHERE NOT t.finished AND t.worker_id IS NOT NULL AND t.worker_id <> $1
            AND NOT EXISTS (SELECT 1 FROM dx_workers w WHERE w.id = t.worker_id AND w.heartbeat > now() - make_interval(secs => $2))
          FOR UPDATE SKIP LOCKED)
       UPDATE dx_tasks t SET worker_id = NULL FROM dead d
        WHERE t.task_id = d.task_id
        RETURNING t.task_id, t.job_id, d.worker_id`,
      [id, deadAfter / 1000],
    );
    for (const r of rows) {
      log('task_reaped', { task_id: r.task_id, dead_worker: r.worker_id });
      if (r.job_id) await boss.fail(QUEUE_NAME, r.job_id, { reason: 'worker stopped heartbeating' });
    }
    // A job a worker fetched but died before claiming (or whose completion a database restart lost) is active with
    // nobody on it; it would wait for its expiry (hours): failed, it is retried; for a finished task, completed.
    const stale = await pool.query<{ id: string; finished: boolean }>(
      `SELECT j.id::text AS id, t.finished FROM pgboss.job j JOIN dx_tasks t ON t.task_id = j.singleton_key
        WHERE j.name = $1 AND j.state = 'active' AND j.started_on < now() - make_interval(secs => $2)
          AND (t.finished OR t.job_id IS DISTINCT FROM j.id::text OR t.worker_id IS NULL)`,
      [QUEUE_NAME, deadAfter / 1000],
    );
    for (const j of stale.rows) {
      log('job_released', { job_id: j.id, finished: j.finished });
      if (j.finished) await boss.complete(QUEUE_NAME, j.id);
      else await boss.fail(QUEUE_NAME, j.id, { reason: 'fetched by a worker that stopped before taking the task' });
    }
    if (rows.length > 0) await janitor();
    await pool.query('DELETE FROM dx_workers WHERE heartbeat < now() - make_interval(secs => $1)', [(deadAfter * 4) / 1000]);
  };
  const janitor = async () => {
    const result = await removeOrphanContainers(pool, options.executor.env, deadAfter);
    if (result.error) log('janitor_skipped', { error: result.error });
    else if (result.removed.length > 0) log('containers_removed', { containers: result.removed });
  };
  await janitor().catch((err: Error) => log('janitor_failed', { error: err.message }));
  const reaper = setInterval(() => {
    reap().catch((err: Error) => log('reap_failed', { error: err.message }));
  }, REAP_EVERY_MS);

  const notifications = new Notifications(connection.url, [JOBS_CHANNEL, CANCEL_CHANNEL], options.onLog);
  await notifications.start();
  const workIds: string[] = [];
  notifications.on(JOBS_CHANNEL, () => {
    for (const w of workIds) boss.notifyWorker(w);
  });
  notifications.on(CANCEL_CHANNEL, (taskId) => {
    const bus = running.get(taskId);
    if (bus) void executor.cancelTask(taskId, bus);
  });

  const runTask = async (jobId: string, row: TaskRow) => {
    const ctx = ownerContext({ tenant: row.tenant, owner: row.owner });
    const results = new ResultManager(taskStore, ctx);
    results.setContext(row.message);
    let chain: Promise<unknown> = Promise.resolve();
    let failure: Error | undefined;
    /** Events published while the previous ones are being stored: stored together next (one statement, one NOTIFY). */
    const pending: AgentExecutionEvent[] = [];
    const store = async () => {
      const batch = pending.splice(0);
      // A restart of the database is waited out: the task goes on once it is back. Each event is applied to the
      // task row before it is an event row (takeOver relies on it for the end).
      for (const event of batch) if (event.kind !== 'task' || row.attempts === 1) await retryingConnection(() => results.processEvent(event));
      const rows = batch.filter((event) => event.kind !== 'task');
      if (rows.length > 0) await retryingConnection(() => events.appendAll(row.taskId, rows));
    };
    const bus = new DefaultExecutionEventBus();
    bus.on('event', (event: AgentExecutionEvent) => {
      // A worker that is stopping leaves its tasks as they were, for another worker to take up.
      if (closing) return;
      pending.push(event);
      if (pending.length > 1) return;
      chain = chain.then(store).catch((err: Error) => {
        failure ??= err;
      });
    });
    running.set(row.taskId, bus);
    try {
      let stored = row.attempts > 1 ? await readStoredJournal(pool, row.taskId) : undefined;
      if (stored && stored.records.length > 0 && rebuildSession(stored.records).messages.length === 0) {
        // The previous worker died before its first model request: nothing ran, the task starts over.
        await pool.query('DELETE FROM dx_journal WHERE task_id = $1', [row.taskId]);
        await pool.query('DELETE FROM dx_task_files WHERE task_id = $1', [row.taskId]);
        stored = undefined;
      }
      if (row.cancelRequested) {
        bus.publish(AgentEvent.statusUpdate(statusUpdate(row.taskId, row.contextId, TaskState.TASK_STATE_CANCELED, [textPart('cancelled before it started')])));
      } else if (stored && stored.records.length > 0) {
        await takeOver(row, stored, bus);
      } else {
        // A retried task that never journaled anything starts over, on a clean folder.
        rmSync(path.dirname(workFolder(options.executor.dataDir, row.taskId)), { recursive: true, force: true });
        journal.begin(row.taskId);
        const request: SendMessageRequest = { tenant: row.tenant, message: row.message, configuration: undefined, metadata: undefined };
        await executor.execute(new RequestContext(request, row.taskId, row.contextId, ctx), bus);
      }
      await chain;
      if (failure) throw failure;
      if (closing) throw new Error('the worker stopped; the task is left for another worker');
      await retryingConnection(() => tasks.finish(row.taskId));
      log('task_done', { task_id: row.taskId, job_id: jobId });
    } finally {
      journal.end(row.taskId);
      running.delete(row.taskId);
      // A run that ended without a final state leaves its task to another worker: its progress is written first.
      await taskStore.leave(row.taskId, ctx);
    }
  };

  /**
   * A task another worker started: its folder is made again from the task's source plus the journaled file changes
   * (each checked against its sha256), its journal file from dx_journal, and it resumes from there as `run --resume`
   * does: calls with a journaled result are not run again, a call without one is reported to the model as interrupted.
   */
  const takeOver = async (row: TaskRow, stored: StoredJournal, bus: ExecutionEventBus) => {
    // The previous worker published the end (stored before the event row) and died before marking the task finished.
    if (await events.ended(row.taskId)) {
      log('task_already_ended', { task_id: row.taskId });
      return;
    }
    const fail = (text: string) => bus.publish(AgentEvent.statusUpdate(statusUpdate(row.taskId, row.contextId, TaskState.TASK_STATE_FAILED, [textPart(text)])));
    try {
      const folder = await executor.rebuildFolder(row.taskId, row.message, new AbortController().signal);
      applyFileChanges(path.join(folder, 'work'), stored.files);
      const sessionDir = path.join(folder, 'sessions', row.taskId);
      mkdirSync(sessionDir, { recursive: true, mode: 0o700 });
      writeFileSync(path.join(sessionDir, JOURNAL_FILE), journalLines(stored.records), { mode: 0o600 });
    } catch (err) {
      if (!(err instanceof WorkspaceError)) throw err;
      log('task_takeover_failed', { task_id: row.taskId, error: err.message });
      fail(`the task could not be taken over from its previous worker: ${err.message}`);
      return;
    }
    journal.begin(row.taskId, { seq: stored.records.length, fileSeq: stored.files.length, baseline: true });
    log('task_taken_over', { task_id: row.taskId, records: stored.records.length, file_changes: stored.files.length });
    const saved = await taskStore.load(row.taskId, ownerContext({ tenant: row.tenant, owner: row.owner }));
    const task: Task = saved ?? { id: row.taskId, contextId: row.contextId, status: undefined, artifacts: [], history: [row.message], metadata: undefined };
    const rebuilt = rebuildSession(stored.records);
    if (rebuilt.unanswered.length === 0 && rebuilt.lastResult) {
      executor.finishFromJournal(task, row.owner, rebuilt.lastResult, bus);
      return;
    }
    // It has a journal, so it was WORKING whatever the last saved state says (the save may not have landed).
    await executor.resume({ ...task, status: { state: TaskState.TASK_STATE_WORKING, timestamp: new Date().toISOString(), message: undefined } }, row.owner, bus);
  };

  const handler = async ([job]: PgBoss.Job<TaskJob>[]) => {
    if (!job) return;
    held.add(job.data.taskId);
    try {
      const claim = await tasks.claim(job.data.taskId, id, job.id);
      if (claim.kind === 'finished') return; // finished already (cancelled while queued, or a duplicate)
      if (claim.kind === 'at-limit') {
        // Its key runs as many tasks as it may: queued again, looked at once one of them leaves (wakeDeferred) or
        // after DEFER_SECONDS; this job ends (pg-boss completes it) without counting as an attempt.
        log('task_deferred', { task_id: job.data.taskId, running: claim.running, max_running_per_key: claim.limit });
        if (!(await enqueueTask(boss, pool, job.data.taskId, claim.owner, DEFER_SECONDS))) throw new Error(`task ${job.data.taskId} could not be queued again`);
        return;
      }
      const row = claim.row;
      log('task_claimed', { task_id: row.taskId, attempt: row.attempts });
      try {
        await runTask(job.id, row);
      } finally {
        // A place in its key's running limit is free (the task ended, or is left to be retried): the key's waiting
        // tasks may go now.
        if (row.maxRunning !== null) await wakeDeferred(pool, row.owner).catch((err: Error) => log('wake_failed', { error: err.message }));
      }
    } finally {
      held.delete(job.data.taskId);
      // pg-boss waits out the rest of its polling interval after a job unless notified: a slot that has just finished
      // looks for the next job at once (measured: about 1.1 s of idle slot per task at one worker without this).
      for (const w of workIds) boss.notifyWorker(w);
    }
  };
  for (let i = 0; i < options.concurrency; i++) {
    workIds.push(await boss.work<TaskJob>(QUEUE_NAME, { batchSize: 1, pollingIntervalSeconds: 2 }, handler));
  }
  log('worker_started', { concurrency: options.concurrency });

  return {
    id,
    close: async () => {
      closing = true;
      clearInterval(heartbeat);
      clearInterval(reaper);
      await boss.offWork(QUEUE_NAME).catch(() => {});
      executor.stopAll({ resumable: true });
      await notifications.close();
      await pool.query('DELETE FROM dx_workers WHERE id = $1', [id]).catch(() => {});
    },
  };
}

