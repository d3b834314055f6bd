/**
 * `serve --database postgres://…`: the pieces an API server uses instead of the embedded ones. Tasks in the SDK's
 * DatabaseTaskStore on PostgreSQL (service/task-store.ts's KyselyTaskStore, the SDK's migrations), keys in
 * dx_api_keys, the queue on pg-boss and the QueueExecutor that follows each task's events; with `--workers N` > 0
 * the process is also a worker with N slots (`--workers 0`: API only).
 */
import { DefaultExecutionEventBus, type TaskStore } from '@a2a-js/sdk/server';
import type { RemoteTasks } from '../request-handler.js';
import type PgBoss from 'pg-boss';
import { DEFAULT_MAX_QUEUED_PER_KEY } from '../scheduler.js';
import { KyselyTaskStore, migrate, type ServiceTaskStore } from '../task-store.js';
import { PgAdmission } from './admission.js';
import { QueueExecutor, STREAM_END_STATES } from './api-executor.js';
import { ApiTaskStore } from './api-task-store.js';
import { connectPostgres, type PgConnection } from './connect.js';
import { EVENTS_CHANNEL, Notifications, replayTask, TaskEventLog } from './events.js';
import { PgKeyStore } from './keys.js';
import { startBoss } from './queue.js';
import { startWorker, type RunOptions, type WorkerHandle } from './worker.js';

export interface PgBackend {
  connection: PgConnection;
  store: ServiceTaskStore;
  /** The task store the API's request handler writes through (api-task-store.ts). */
  apiTasks: TaskStore;
  keys: PgKeyStore;
  /** The per-key queue limit, counted in the database (all API servers). */
  admission: PgAdmission;
  executor: QueueExecutor;
  /** SubscribeToTask and CancelTask for a task this server holds no bus for (it was sent through another server). */
  remote: RemoteTasks;
  worker?: WorkerHandle;
  close(): Promise<void>;
}

export async function openStore(url: string, maxConnections?: number): Promise<{ connection: PgConnection; store: ServiceTaskStore }> {
  const connection = await connectPostgres(url, { migrateSdk: migrate, maxConnections });
  return { connection, store: new KyselyTaskStore(connection.db, `postgres:${connection.description}`) };
}

export async function openPgBackend(url: string, workers: number, executorOptions: RunOptions, maxQueuedPerKey = DEFAULT_MAX_QUEUED_PER_KEY, maxRunningPerKey?: number): Promise<PgBackend> {
  const onLog = executorOptions.onLog;
  const { connection, store } = await openStore(url, 10 + workers);
  let boss: PgBoss | undefined;
  let notifications: Notifications | undefined;
  try {
    boss = await startBoss(url, { onError: (err) => onLog?.({ time: new Date().toISOString(), event: 'queue_error', error: err.message }) });
    notifications = new Notifications(url, [EVENTS_CHANNEL], onLog);
    await notifications.start();
    const log = new TaskEventLog(connection.pool);
    const executor = new QueueExecutor({ pool: connection.pool, boss, log, notifications, maxRunningPerKey, onLog });
    const worker = workers > 0 ? await startWorker({ connection, boss, store, concurrency: workers, executor: executorOptions, onLog }) : undefined;
    const b = boss;
    const n = notifications;
    return {
      connection,
      store,
      apiTasks: new ApiTaskStore(connection.db, connection.pool, store.tasks),
      keys: new PgKeyStore(connection.pool),
      admission: new PgAdmission(connection.pool, maxQueuedPerKey),
      executor,
      remote: {
        replay: (taskId, signal) => replayTask(log, n, taskId, (e) => e.kind === 'statusUpdate' && e.data.status !== undefined && STREAM_END_STATES.has(e.data.status.state), signal),
        cancel: (taskId) => executor.cancelTask(taskId, new DefaultExecutionEventBus()),
      },
      worker,
      close: async () => {
        executor.stopAll();
        await worker?.close();
        await n.close();
        await b.stop({ graceful: false, wait: true }).catch(() => {});
        await store.close();
      },
    };
  } catch (err) {
    await notifications?.close();
    await boss?.stop({ graceful: false, wait: true }).catch(() => {});
    await store.close();
    throw err;
  }
}
