/**
 * `docker-expert serve`: the agent as an A2A service. The protocol (JSON-RPC, HTTP+JSON/REST, SSE, the task store)
 * is the SDK's; this file only puts the pieces together: the agent card, the request checks every request passes
 * (auth.ts), the body cap, and the executor (executor.ts).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { AGENT_CARD_PATH } from '@a2a-js/sdk';
import { DefaultExecutionEventBusManager } from '@a2a-js/sdk/server';
import { agentCardHandler, jsonRpcHandler, restHandler } from '@a2a-js/sdk/server/express';
import express, { type NextFunction, type Request, type Response } from 'express';
import { findAgent } from '../agent/definition/load.js';
import { createAdmission } from './admission.js';
import { keyIdOf, requestChecks, userBuilder } from './auth.js';
import { buildAgentCard, JSONRPC_PATH, REST_PATH } from './card.js';
import { DockerExpertExecutor, type ExecutorOptions } from './executor.js';
import { DEFAULT_GIT_MAX_BYTES, DEFAULT_GIT_TIMEOUT_MS, type GitPolicy } from './git-workspace.js';
import { KeyStore, type KeyVerifier } from './keys.js';
import { CheckedPushSender, CheckedPushStore, DEFAULT_PUSH_BACKOFF_MS, DEFAULT_PUSH_RETRIES, DEFAULT_PUSH_TIMEOUT_MS, type PushPolicy } from './push.js';
import { ServiceMetrics } from './metrics.js';
import { DEFAULT_RETENTION_MS, HEALTH_PATH, operationsRouter, READY_PATH, sweepExpired, SWEEP_INTERVAL_MS } from './operations.js';
import { resumeUnfinished } from './resume.js';
import { DEFAULT_MAX_QUEUED, DEFAULT_MAX_QUEUED_PER_KEY, Scheduler } from './scheduler.js';
import { openTaskStore, TASKS_DB_FILE, type ServiceTaskStore, type TaskStoreSpec } from './task-store.js';
import { ServiceRequestHandler } from './request-handler.js';
import type { TaskRunSettings } from './task-run.js';
import { TaskThreadPool } from './task-threads.js';
import { traceContext } from './trace-context.js';
import { DEFAULT_WORKSPACE_LIMITS, type WorkspaceLimits } from './workspace.js';

/** The SDK's v0.3 compatibility layer: v0.3 clients (JSON-RPC `message/send`, the v0.3 REST paths and card) are served too. */
const V03 = { enabled: true };

export const DEFAULT_PORT = 4141;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_WORKERS = 2;
/** Largest request body (a .tar.gz travels base64-encoded inside it). */
export const DEFAULT_MAX_REQUEST_BYTES = 32 * 1024 * 1024;
/** How long SIGTERM lets running tasks finish before they are stopped resumable (`--drain-timeout`). */
export const DEFAULT_DRAIN_TIMEOUT_MS = 30_000;

export interface ServeOptions {
  host?: string;
  port?: number;
  dataDir: string;
  workers?: number;
  /** Threads the runs work on (task-threads.ts); 0 runs them on the request thread. Default: defaultTaskThreads. */
  taskThreads?: number;
  /** A key's tasks running at once (default: --workers). */
  maxRunningPerKey?: number;
  /** A key's tasks waiting for a worker; one more is 429 (default DEFAULT_MAX_QUEUED_PER_KEY). */
  maxQueuedPerKey?: number;
  /** All tasks waiting; one more is 429 (default DEFAULT_MAX_QUEUED). */
  maxQueued?: number;
  /** Tasks and their folders are removed this long after their last status change; 0 keeps them. */
  retentionMs?: number;
  workspaceRoot?: string;
  maxRequestBytes?: number;
  limits?: WorkspaceLimits;
  verify: { enabled: boolean; maxRounds: number };
  env: NodeJS.ProcessEnv;
  /** Where the agent definitions are looked up (the package's own by default). */
  cwd: string;
  allowOrigins?: string[];
  /** Host names requests may use besides the bound address and the local names (`--allow-host`). */
  allowHosts?: string[];
  version?: string;
  /** Hooks from a task's project run (`serve --trust-project`); off by default. */
  trustProject?: boolean;
  onLog?: ExecutorOptions['onLog'];
  /** The task store; default a SQLite file, `<data>/tasks.db`. */
  store?: TaskStoreSpec;
  /**
   * `--database postgres://…`: tasks, keys, event log and the queue in PostgreSQL, shared with other API servers and
   * workers (service/pg/); `workers` slots run tasks in this process too (0: API only).
   */
  database?: string;
  /** Git workspaces (`--allow-git`, `--max-git-bytes`, `--git-timeout`); none allowed by default. */
  git?: Partial<GitPolicy>;
  /** Push notifications (`--allow-insecure-push`, `--allow-push-host`, `--push-retries`); https to public addresses only by default. */
  push?: Partial<PushPolicy>;
  /** How long a task waits for an approval answer (DEFAULT_INPUT_TIMEOUT_MS). */
  inputTimeoutMs?: number;
}

export interface ServiceHandle {
  url: string;
  port: number;
  /** Tasks found unfinished at start and put back in the queue. */
  resumed: number;
  /**
   * Stops taking tasks (new ones are 503, /readyz is 503), lets running ones finish for up to `timeoutMs`, then stops
   * the rest without a final state (they resume at the next start), and closes.
   */
  drain(timeoutMs: number): Promise<void>;
  /** drain(0). */
  close(): Promise<void>;
  /** One retention sweep now (the timer runs it every minute); returns the ids removed. */
  sweep(now?: number): Promise<string[]>;
}

/**
 * One task thread per worker, but one CPU is left to the request thread (at least one thread): on 2 cores, 2 task
 * threads and the request thread took turns on the same cores and a SendMessage waited for its turn (bench:serve p99
 * 67-84 ms with 1 thread against 75-223 ms with 2, paired), and each thread is an isolate of its own (about 70 MiB).
 */
export function defaultTaskThreads(workers: number, cpus = availableParallelism()): number {
  return Math.max(1, Math.min(workers, cpus - 1));
}

export async function startService(options: ServeOptions): Promise<ServiceHandle> {
  const host = options.host ?? DEFAULT_HOST;
  const { definition } = await findAgent('docker-expert', { cwd: options.cwd });
  const backend = options.database
    ? await (await import('./pg/backend.js')).openPgBackend(options.database, options.workers ?? DEFAULT_WORKERS, {
        dataDir: options.dataDir,
        workspaceRoot: options.workspaceRoot,
        limits: options.limits ?? DEFAULT_WORKSPACE_LIMITS,
        verify: options.verify,
        env: options.env,
        agent: definition,
        trustProject: options.trustProject,
        onLog: options.onLog,
        git: { allow: options.git?.allow ?? [], maxBytes: options.git?.maxBytes ?? DEFAULT_GIT_MAX_BYTES, timeoutMs: options.git?.timeoutMs ?? DEFAULT_GIT_TIMEOUT_MS },
      }, options.maxQueuedPerKey ?? DEFAULT_MAX_QUEUED_PER_KEY, options.maxRunningPerKey)
    : undefined;
  let keys: KeyVerifier;
  if (backend) keys = backend.keys;
  else {
    const fileKeys = new KeyStore(options.dataDir);
    fileKeys.list(); // a broken keys file stops the start, not the first request
    keys = fileKeys;
  }
  // A WAL checkpoint thread that fails hands the checkpoints back to the store's connection: said in the log.
  const onCheckpointError = (err: Error) => options.onLog?.({ time: new Date().toISOString(), event: 'store_checkpoint_thread_failed', error: err.message });
  const store: ServiceTaskStore = backend?.store ?? (await openTaskStore(options.store ?? { kind: 'sqlite', file: path.join(options.dataDir, TASKS_DB_FILE), onCheckpointError }));
  const closeStore = () => (backend ? backend.close() : store.close());

  // Listen first: the card names the port actually bound.
  const server: Server = createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? DEFAULT_PORT, host, () => resolve());
    });
  } catch (err) {
    await closeStore();
    throw err;
  }
  const port = (server.address() as AddressInfo).port;
  const urlHost = host === '0.0.0.0' || host === '::' ? DEFAULT_HOST : host.includes(':') ? `[${host}]` : host;
  const url = `http://${urlHost}:${port}`;

  const workers = Math.max(1, options.workers ?? DEFAULT_WORKERS);
  const scheduler = new Scheduler({
    workers,
    maxRunningPerKey: options.maxRunningPerKey ?? Math.max(1, workers),
    maxQueuedPerKey: options.maxQueuedPerKey ?? DEFAULT_MAX_QUEUED_PER_KEY,
    maxQueued: options.maxQueued ?? DEFAULT_MAX_QUEUED,
  });
  // On PostgreSQL the per-key queue limit is counted in the database, across every API server.
  const admission = createAdmission(backend?.admission ?? scheduler, keyIdOf);
  const metrics = new ServiceMetrics(store, scheduler);
  const log = options.onLog ?? (() => {});
  const buses = new DefaultExecutionEventBusManager();
  const taskThreads = options.taskThreads ?? defaultTaskThreads(workers);
  const settings: TaskRunSettings = {
    dataDir: options.dataDir,
    workspaceRoot: options.workspaceRoot,
    limits: options.limits ?? DEFAULT_WORKSPACE_LIMITS,
    verify: options.verify,
    env: options.env,
    agent: definition,
    trustProject: options.trustProject,
    inputTimeoutMs: options.inputTimeoutMs,
    git: { allow: options.git?.allow ?? [], maxBytes: options.git?.maxBytes ?? DEFAULT_GIT_MAX_BYTES, timeoutMs: options.git?.timeoutMs ?? DEFAULT_GIT_TIMEOUT_MS },
  };
  const executor = new DockerExpertExecutor({
    ...settings,
    scheduler,
    // The runs work on task threads: this thread only accepts, stores and relays.
    runner: taskThreads > 0 ? new TaskThreadPool(settings, taskThreads, { onLog: options.onLog }) : undefined,
    observe: () => metrics.forRun(),
    onLog: options.onLog,
    taskStore: store.tasks,
    busManager: buses,
  });
  const card = buildAgentCard(definition, url, options.version ?? '0.0.0');
  // The SDK's store scopes every task by its owner (the key's id, from userBuilder).
  const push = {
    allowInsecure: options.push?.allowInsecure ?? false,
    allowHosts: options.push?.allowHosts ?? [],
    retries: options.push?.retries ?? DEFAULT_PUSH_RETRIES,
    backoffMs: options.push?.backoffMs ?? DEFAULT_PUSH_BACKOFF_MS,
    timeoutMs: options.push?.timeoutMs ?? DEFAULT_PUSH_TIMEOUT_MS,
  };
  const pushStore = new CheckedPushStore(push);
  const pushSender = new CheckedPushSender(pushStore, push, options.onLog);
  executor.notify = (event, context, task) => void pushSender.send(event, context, task);
  // On PostgreSQL the tasks run on workers; this server's executor queues them and follows their events.
  const requestHandler = new ServiceRequestHandler(card, backend?.apiTasks ?? store.tasks, backend?.executor ?? executor, buses, pushStore, pushSender).guardFollowUps(store.tasks, executor);
  if (backend) requestHandler.remoteTasks(buses, backend.remote);

  const maxBytes = options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
  const app = express();
  app.disable('x-powered-by');
  // No ETags: every answer here is a fresh state (a task, a stream, a JSON-RPC result), never a cached page, and
  // express would hash each body for one (a twentieth of a millisecond per SendMessage on the request thread).
  app.set('etag', false);
  app.use(requestChecks({ keys, hosts: [host, urlHost, ...(options.allowHosts ?? [])], allowOrigins: options.allowOrigins ?? [], publicPaths: [`/${AGENT_CARD_PATH}`, HEALTH_PATH, READY_PATH] }));
  app.use(operationsRouter(store, scheduler, metrics));
  app.use(`/${AGENT_CARD_PATH}`, agentCardHandler({ agentCardProvider: requestHandler, legacyCompat: V03 }));
  // Our parser runs first with the cap; the SDK's own (100 KB default) then finds the body already read.
  const body = express.json({ limit: maxBytes, type: ['application/json', 'application/a2a+json'], strict: false });
  const users = (req: express.Request) => userBuilder(req, admission.reservationOf);
  app.use(JSONRPC_PATH, body, admission.middleware('jsonrpc'), traceContext, jsonRpcHandler({ requestHandler, userBuilder: users, legacyCompat: V03 }));
  app.use(REST_PATH, body, admission.middleware('rest'), traceContext, restHandler({ requestHandler, userBuilder: users, legacyCompat: V03 }));
  app.use((_req: Request, res: Response) => {
    res.status(404).json({ error: `not found; the A2A endpoints are ${JSONRPC_PATH} (JSON-RPC) and ${REST_PATH} (REST), the card is /${AGENT_CARD_PATH}` });
  });
  app.use((err: Error & { type?: string; status?: number }, req: Request, res: Response, _next: NextFunction) => {
    if (res.headersSent) return res.end();
    const tooLarge = err.type === 'entity.too.large' || err.status === 413;
    const status = tooLarge ? 413 : err instanceof SyntaxError ? 400 : (err.status ?? 500);
    const message = tooLarge ? `request body over the ${maxBytes}-byte limit (--max-request-bytes)` : err instanceof SyntaxError ? 'Invalid JSON payload.' : err.message;
    if (req.originalUrl.startsWith(JSONRPC_PATH)) {
      // As the SDK answers a parse error: HTTP 200 with JSON-RPC -32700.
      res.status(err instanceof SyntaxError ? 200 : status).json({ jsonrpc: '2.0', id: null, error: { code: err instanceof SyntaxError ? -32700 : -32600, message } });
    } else res.status(status).json({ error: { code: status, status: tooLarge ? 'PAYLOAD_TOO_LARGE' : 'INVALID_ARGUMENT', message } });
  });
  // On PostgreSQL a task outlives any one process: the workers' reaper hands it on, nothing is resumed here.
  const resumed = backend ? 0 : await resumeUnfinished(store, executor, buses, log);
  if (resumed > 0) log({ time: new Date().toISOString(), event: 'tasks_resumed', count: resumed });
  server.on('request', app);

  const retentionMs = options.retentionMs ?? DEFAULT_RETENTION_MS;
  const sweep = async (now = Date.now()) => {
    const removed = await sweepExpired(store, options.dataDir, retentionMs, now);
    if (removed.length > 0) log({ time: new Date().toISOString(), event: 'tasks_expired', count: removed.length, task_ids: removed });
    return removed;
  };
  const sweeper =
    retentionMs > 0
      ? setInterval(() => void sweep().catch((err: Error) => log({ time: new Date().toISOString(), event: 'sweep_error', error: err.message })), Math.min(retentionMs, SWEEP_INTERVAL_MS))
      : undefined;
  sweeper?.unref();

  let closing: Promise<void> | undefined;
  const drain = (timeoutMs: number) =>
    (closing ??= (async () => {
      scheduler.pause();
      clearInterval(sweeper);
      log({ time: new Date().toISOString(), event: 'draining', running: scheduler.runningCount(), queued: scheduler.queued(), timeout_ms: timeoutMs });
      const deadline = Date.now() + timeoutMs;
      while (scheduler.runningCount() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const left = executor.active;
      executor.stopAll({ resumable: true });
      // Let the stopped runs write their journals' ends and their tasks' last updates before the store closes.
      const settle = Date.now() + 10_000;
      while (executor.active > 0 && Date.now() < settle) await new Promise((r) => setTimeout(r, 20));
      await executor.close();
      log({ time: new Date().toISOString(), event: 'stopped', left_resumable: left });
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      // The SDK saves a task's last events after the executor returns, off this call: give those writes a moment.
      await new Promise((r) => setTimeout(r, 200));
      await closeStore();
    })());

  return { url, port, resumed, drain, close: () => drain(0), sweep };
}
