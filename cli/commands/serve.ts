/** `docker-expert serve`: the agent as an A2A v1.0 service (service/). */
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import type { CliIO } from '../io.js';
import { UsageError } from '../io.js';
import { databaseOption, readSecretFiles } from '../secret-files.js';
import { duration, parseCommandArgs, untilSignal, wholeNumber } from '../args.js';

const HELP = `Usage: docker-expert serve [options]

Serves the docker-expert agent over A2A v1.0 (JSON-RPC at /a2a/jsonrpc, HTTP+JSON at /a2a/rest, SSE streaming;
agent card at /.well-known/agent-card.json). Every request but the card needs Authorization: Bearer <key>
(docker-expert keys create NAME). A task is a run on its own copy of the project sent as a .tar.gz part, or
{"workspace": {"path": P}} under --workspace-root. Without ANTHROPIC_API_KEY the offline expert runs.

Options:
  --host H                 address to listen on (default 127.0.0.1)
  --port P                 port (default 4141; 0 = any free port)
  --data DIR               keys and task folders (default: $DOCKER_EXPERT_DATA, else
                           $XDG_DATA_HOME/docker-expert, else ~/.local/share/docker-expert)
  --workers N              runs at once; more tasks wait SUBMITTED (default 2; with --database, 0 = API only)
  --max-running-per-key N  a key's tasks running at once; its others wait (default: --workers; with --database:
                           on all workers together, counted in the database; default: no limit beyond their slots)
  --task-threads N         threads the runs work on, so that requests never wait behind a run's work
                           (default: the smaller of --workers and the CPU count less one, at least 1;
                           0 = on the request thread)
  --max-queued-per-key N   a key's tasks waiting for a worker; one more is HTTP 429 (default 20)
  --max-queued N           all tasks waiting for a worker; one more is HTTP 429 (default 200)
  --retention D            remove a task and its folder D after its last status change: 30s, 15m, 12h, 7d,
                           or seconds; 0 keeps them (default 7d)
  --drain-timeout D        on SIGTERM / SIGINT: take no new task, let running ones finish for up to D, then
                           stop them resumable (default 30s; a second signal stops at once)
  --database URL           postgres://USER[:PASSWORD]@HOST[:PORT]/DB: tasks, keys, journals and the queue in
                           PostgreSQL, shared by any number of serve and worker processes (default:
                           $DOCKER_EXPERT_DATABASE_URL, else a SQLite file under --data);
                           DOCKER_EXPERT_DATABASE_URL_FILE names a file holding the URL
  --workspace-root DIR     allow {"workspace": {"path": P}} for folders under DIR (copied, never changed)
  --allow-git PATTERN      allow {"workspace": {"git": URL, "ref": REF}} from URLs matching PATTERN, a glob over
                           scheme://host/path, e.g. 'https://github.com/acme/**' (repeatable; none by default;
                           file:// only when the pattern starts with file://; ext:: never)
  --allow-insecure-push    allow http:// push notification URLs (https only by default)
  --allow-push-host NAME   a push host that may resolve to a loopback, private or link-local address
                           (repeatable; such hosts are refused by default)
  --push-retries N         retries of a failed push delivery, with backoff from 0.5 s doubling (default 3)
  --max-git-bytes N        largest clone (objects and checkout) while it is fetched (default 268435456)
  --git-timeout S          longest fetch and checkout of a git workspace, seconds (default 120)
  --max-request-bytes N    largest request body; more is 413 (default 33554432)
  --max-workspace-bytes N  largest project, unpacked (default 104857600)
  --max-workspace-entries N  most files and folders in a project (default 20000)
  --input-timeout S        seconds a task waits for the answer to an approval question
                           (TASK_STATE_INPUT_REQUIRED) before it ends FAILED (default 600)
  --allow-origin URL       a browser origin allowed to call (repeatable; none by default)
  --allow-host NAME        a Host name requests may use besides the bound address and localhost (repeatable;
                           e.g. the DNS name of a Service or proxy in front of this server)
  --no-verify              do not build and run the images the agent writes
  --trust-project          run the Claude Code hooks in a task's project (.claude/settings*.json); without it
                           only the hooks in this user's ~/.claude/settings.json run
  -h, --help               this help
`;

export function defaultDataDir(env: NodeJS.ProcessEnv, cwd: string): string {
  if (env.DOCKER_EXPERT_DATA) return path.resolve(cwd, env.DOCKER_EXPERT_DATA);
  const base = env.XDG_DATA_HOME ? path.resolve(cwd, env.XDG_DATA_HOME) : path.join(homedir(), '.local', 'share');
  return path.join(base, 'docker-expert');
}

export async function command(argv: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandArgs({
    args: argv,
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      data: { type: 'string' },
      workers: { type: 'string' },
      'task-threads': { type: 'string' },
      database: { type: 'string' },
      'workspace-root': { type: 'string' },
      'max-request-bytes': { type: 'string' },
      'max-workspace-bytes': { type: 'string' },
      'max-workspace-entries': { type: 'string' },
      'allow-origin': { type: 'string', multiple: true },
      'allow-host': { type: 'string', multiple: true },
      'allow-git': { type: 'string', multiple: true },
      'allow-insecure-push': { type: 'boolean' },
      'allow-push-host': { type: 'string', multiple: true },
      'push-retries': { type: 'string' },
      'max-git-bytes': { type: 'string' },
      'git-timeout': { type: 'string' },
      'input-timeout': { type: 'string' },
      'no-verify': { type: 'boolean' },
      'max-running-per-key': { type: 'string' },
      'max-queued-per-key': { type: 'string' },
      'max-queued': { type: 'string' },
      retention: { type: 'string' },
      'drain-timeout': { type: 'string' },
      'trust-project': { type: 'boolean' },
    },
    allowPositionals: false,
  }, HELP, io);
  if (!parsed) return 0;
  const { values } = parsed;
  const { DEFAULT_INPUT_TIMEOUT_MS } = await import('../../service/approvals.js');
  const { DEFAULT_PUSH_RETRIES } = await import('../../service/push.js');
  const { DEFAULT_GIT_MAX_BYTES, DEFAULT_GIT_TIMEOUT_MS } = await import('../../service/git-workspace.js');
  const { startService, DEFAULT_HOST, DEFAULT_PORT, DEFAULT_WORKERS, DEFAULT_MAX_REQUEST_BYTES, DEFAULT_DRAIN_TIMEOUT_MS } = await import('../../service/server.js');
  const { DEFAULT_MAX_QUEUED, DEFAULT_MAX_QUEUED_PER_KEY } = await import('../../service/scheduler.js');
  const { DEFAULT_RETENTION_MS } = await import('../../service/operations.js');
  const env = readSecretFiles(io.env, io.cwd);
  const database = await databaseOption(values.database, env);
  const workers = wholeNumber('--workers', values.workers, database ? 0 : 1, 256) ?? DEFAULT_WORKERS;
  // With --database it holds across every worker, and only when given (each worker's slots are the limit otherwise).
  const maxRunningPerKey = wholeNumber('--max-running-per-key', values['max-running-per-key'], 1, 256) ?? (database ? undefined : Math.max(1, workers));
  const maxQueuedPerKey = wholeNumber('--max-queued-per-key', values['max-queued-per-key'], 1, 1_000_000) ?? DEFAULT_MAX_QUEUED_PER_KEY;
  const maxQueued = wholeNumber('--max-queued', values['max-queued'], 1, 1_000_000) ?? DEFAULT_MAX_QUEUED;
  const retentionMs = duration('--retention', values.retention, 0) ?? DEFAULT_RETENTION_MS;
  const drainTimeoutMs = duration('--drain-timeout', values['drain-timeout'], 0) ?? DEFAULT_DRAIN_TIMEOUT_MS;
  const { DEFAULT_WORKSPACE_LIMITS } = await import('../../service/workspace.js');
  const { DEFAULT_VERIFY_ROUNDS } = await import('../../agent/models/offline/verify/loop.js');
  const { packageRoot } = await import('../../agent/package-root.js');
  const dataDir = path.resolve(io.cwd, values.data ?? defaultDataDir(io.env, io.cwd));
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const allowOrigins = (values['allow-origin'] ?? []).map((o) => {
    let url: URL;
    try {
      url = new URL(o);
    } catch {
      throw new UsageError(`--allow-origin ${o}: expected an origin such as http://localhost:5173`);
    }
    if (url.origin !== o.replace(/\/$/, '')) throw new UsageError(`--allow-origin ${o}: an origin is scheme://host[:port], without a path`);
    return url.origin;
  });
  const allowHosts = (values['allow-host'] ?? []).map((h) => {
    if (!/^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}))*)$/.test(h)) throw new UsageError(`--allow-host ${h}: expected a host name such as docker-expert.example.com (no scheme, port or path)`);
    return h.toLowerCase();
  });
  const { createRequire } = await import('node:module');
  const version = (createRequire(path.join(packageRoot(), 'package.json'))('./package.json') as { version: string }).version;
  const handle = await startService({
    host: values.host ?? DEFAULT_HOST,
    port: wholeNumber('--port', values.port, 0, 65535) ?? DEFAULT_PORT,
    dataDir,
    workers,
    taskThreads: wholeNumber('--task-threads', values['task-threads'], 0, 256),
    maxRunningPerKey,
    maxQueuedPerKey,
    maxQueued,
    retentionMs,
    database,
    workspaceRoot: values['workspace-root'] === undefined ? undefined : path.resolve(io.cwd, values['workspace-root']),
    maxRequestBytes: wholeNumber('--max-request-bytes', values['max-request-bytes'], 1024, 2 ** 31) ?? DEFAULT_MAX_REQUEST_BYTES,
    limits: {
      maxBytes: wholeNumber('--max-workspace-bytes', values['max-workspace-bytes'], 1, 2 ** 40) ?? DEFAULT_WORKSPACE_LIMITS.maxBytes,
      maxEntries: wholeNumber('--max-workspace-entries', values['max-workspace-entries'], 1, 10_000_000) ?? DEFAULT_WORKSPACE_LIMITS.maxEntries,
    },
    verify: { enabled: !(values['no-verify'] ?? false), maxRounds: DEFAULT_VERIFY_ROUNDS },
    env,
    cwd: packageRoot(),
    allowOrigins,
    allowHosts,
    push: {
      allowInsecure: values['allow-insecure-push'] ?? false,
      allowHosts: (values['allow-push-host'] ?? []).map((h) => {
        if (!/^(\[?[0-9A-Fa-f:.]+\]?|[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}))*)$/.test(h)) throw new UsageError(`--allow-push-host ${h}: expected a host name or address such as 127.0.0.1 or hooks.internal (no scheme, port or path)`);
        return h;
      }),
      retries: wholeNumber('--push-retries', values['push-retries'], 0, 10) ?? DEFAULT_PUSH_RETRIES,
    },
    git: {
      allow: (values['allow-git'] ?? []).map((p) => {
        if (!/^[a-z][a-z0-9+.-]*:\/\/./i.test(p)) throw new UsageError(`--allow-git ${p}: a pattern is scheme://host/path with globs, e.g. 'https://github.com/acme/**' or 'file:///srv/git/*.git'`);
        return p;
      }),
      maxBytes: wholeNumber('--max-git-bytes', values['max-git-bytes'], 1024, 2 ** 40) ?? DEFAULT_GIT_MAX_BYTES,
      timeoutMs: (wholeNumber('--git-timeout', values['git-timeout'], 1, 24 * 3600) ?? DEFAULT_GIT_TIMEOUT_MS / 1000) * 1000,
    },
    inputTimeoutMs: (wholeNumber('--input-timeout', values['input-timeout'], 1, 7 * 24 * 3600) ?? DEFAULT_INPUT_TIMEOUT_MS / 1000) * 1000,
    version,
    trustProject: values['trust-project'] ?? false,
    onLog: (line) => io.stderr.write(JSON.stringify(line) + '\n'),
  });
  io.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), event: 'listening', url: handle.url, data: dataDir, card: `${handle.url}/.well-known/agent-card.json` })}\n`);
  await untilSignal();
  // A second signal while draining: stop now (the tasks stay resumable: their journals are written turn by turn).
  const now = () => void handle.drain(0);
  process.once('SIGINT', now);
  process.once('SIGTERM', now);
  await handle.drain(drainTimeoutMs);
  return 0;
}

