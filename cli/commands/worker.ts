/** `docker-expert worker --database URL`: runs the tasks API servers queue in PostgreSQL (service/pg/worker.ts). */
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import type { CliIO } from '../io.js';
import { UsageError } from '../io.js';
import { databaseOption, readSecretFiles } from '../secret-files.js';
import { defaultDataDir } from './serve.js';
import { parseCommandArgs, untilSignal, wholeNumber } from '../args.js';

const HELP = `Usage: docker-expert worker --database URL [options]

Takes tasks from the queue that docker-expert serve --database URL fills, runs them (the agent, its tools, the
verify loop) and writes every event to the database, where any API server streams it from. Run as many workers
on as many machines as you like; a worker that dies has its tasks taken over by another within a minute.

Options:
  --database URL           postgres://USER[:PASSWORD]@HOST[:PORT]/DB (default: $DOCKER_EXPERT_DATABASE_URL;
                           DOCKER_EXPERT_DATABASE_URL_FILE names a file holding it)
  --concurrency N          tasks run at once (default 2)
  --data DIR               this worker's task folders (default as for serve)
  --workspace-root DIR     allow {"workspace": {"path": P}} for folders under DIR on this machine
  --health-port N          answer GET /healthz and /readyz on port N (for container probes; default: none)
  --no-verify              do not build and run the images the agent writes
  -h, --help               this help
`;

export async function command(argv: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandArgs(
    {
      args: argv,
      options: {
        database: { type: 'string' },
        concurrency: { type: 'string' },
        data: { type: 'string' },
        'workspace-root': { type: 'string' },
        'health-port': { type: 'string' },
        'no-verify': { type: 'boolean' },
      },
    },
    HELP,
    io,
  );
  if (!parsed) return 0;
  const { values } = parsed;
  const env = readSecretFiles(io.env, io.cwd);
  const database = await databaseOption(values.database, env);
  if (!database) throw new UsageError(`worker needs --database postgres://… (or DOCKER_EXPERT_DATABASE_URL)\n\n${HELP}`);
  const concurrency = wholeNumber('--concurrency', values.concurrency, 1, 256) ?? 2;
  const healthPort = wholeNumber('--health-port', values['health-port'], 1, 65535);
  const dataDir = path.resolve(io.cwd, values.data ?? defaultDataDir(io.env, io.cwd));
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });

  const { findAgent } = await import('../../agent/definition/load.js');
  const { packageRoot } = await import('../../agent/package-root.js');
  const { DEFAULT_WORKSPACE_LIMITS } = await import('../../service/workspace.js');
  const { DEFAULT_VERIFY_ROUNDS } = await import('../../agent/models/offline/verify/loop.js');
  const { openStore } = await import('../../service/pg/backend.js');
  const { startBoss } = await import('../../service/pg/queue.js');
  const { startWorker } = await import('../../service/pg/worker.js');
  const { DEFAULT_GIT_MAX_BYTES, DEFAULT_GIT_TIMEOUT_MS } = await import('../../service/git-workspace.js');
  const onLog = (line: Record<string, unknown>) => io.stderr.write(JSON.stringify(line) + '\n');
  const { definition } = await findAgent('docker-expert', { cwd: packageRoot() });
  // pg-boss 10 does not await marking a finished job complete: a database restart at that moment would reject with
  // nobody listening and end the process. A lost connection is logged and outlived (the task row says it is finished,
  // so a retried job ends at once); any other unhandled rejection still ends the process.
  const { isConnectionError } = await import('../../service/pg/retry.js');
  process.on('unhandledRejection', (err) => {
    if (!isConnectionError(err)) throw err;
    onLog({ time: new Date().toISOString(), event: 'database_connection_lost', error: (err as Error).message });
  });
  const { connection, store } = await openStore(database, concurrency + 4);
  const boss = await startBoss(database, { onError: (err) => onLog({ time: new Date().toISOString(), event: 'queue_error', error: err.message }) });
  const worker = await startWorker({
    connection,
    boss,
    store,
    concurrency,
    executor: {
      dataDir,
      workspaceRoot: values['workspace-root'] === undefined ? undefined : path.resolve(io.cwd, values['workspace-root']),
      limits: DEFAULT_WORKSPACE_LIMITS,
      verify: { enabled: !(values['no-verify'] ?? false), maxRounds: DEFAULT_VERIFY_ROUNDS },
      env,
      agent: definition,
      // Git workspaces are allowed by `serve --allow-git`; a worker takes none in this version.
      git: { allow: [], maxBytes: DEFAULT_GIT_MAX_BYTES, timeoutMs: DEFAULT_GIT_TIMEOUT_MS },
      onLog,
    },
    onLog,
  });
  const health = healthPort === undefined ? undefined : createServer((req, res) => {
    const ok = req.method === 'GET' && (req.url === '/healthz' || req.url === '/readyz');
    res.writeHead(ok ? 200 : 404, { 'content-type': 'application/json' }).end(JSON.stringify(ok ? { status: 'ok', worker: worker.id } : { error: 'not found' }));
  });
  if (health) await new Promise<void>((resolve) => health.listen(healthPort, () => resolve()));
  onLog({ time: new Date().toISOString(), event: 'worker_ready', worker_id: worker.id, database: connection.description, concurrency, data: dataDir });
  await untilSignal();
  health?.close();
  await worker.close();
  await boss.stop({ graceful: false, wait: true }).catch(() => {});
  await store.close();
  return 0;
}

