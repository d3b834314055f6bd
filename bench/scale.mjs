// `npm run bench:scale`: task throughput of one API server and 1, then 4, worker processes sharing one PostgreSQL
// database (issue 18), with the scripted model answering each request after 300 ms (BENCH_LATENCY_MS). Target: 4 workers
// give at least 3.5x the throughput of 1. Also printed: the overhead per task, (wall - ideal) x slots / tasks, the time
// a task spends outside its model waits (queue hand-over, events, its run's own CPU); and the queue's hand-over alone
// (pg-boss job created -> taken by an idle worker, median of 10 tasks sent one at a time), target under 10 ms.
// The database: DOCKER_EXPERT_TEST_DATABASE_URL, or the one scripts/postgres/setup.sh started; each round gets a fresh
// database of its own, dropped at the end.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { a2aClient, RESPONSES_PER_TASK, reviewArchive, reviewMessage, startReviewModel } from './review-tasks.mjs';
import { childEnv } from './child-env.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const TASKS = Number(process.env.BENCH_TASKS ?? 80);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 2);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 300);
const WORKER_COUNTS = (process.env.BENCH_WORKER_COUNTS ?? '1,4').split(',').map(Number);
const TARGET_RATIO = 3.5;
const TARGET_QUEUE_MS = 10;
/** Tasks sent one at a time to idle workers, to time the queue's hand-over alone. */
const QUEUE_PROBES = 10;
/** pg-boss's queue of docker-expert tasks (service/pg/queue.ts). */
const QUEUE_NAME = 'docker-expert-tasks';

function databaseUrl() {
  if (process.env.DOCKER_EXPERT_TEST_DATABASE_URL) return process.env.DOCKER_EXPERT_TEST_DATABASE_URL;
  const file = '/tmp/docker-expert-postgres/env';
  const line = existsSync(file) ? readFileSync(file, 'utf8').split('\n').find((l) => l.startsWith('DOCKER_EXPERT_TEST_DATABASE_URL=')) : undefined;
  if (!line) {
    console.log('bench:scale: no PostgreSQL (run `eval "$(bash scripts/postgres/setup.sh)"` or set DOCKER_EXPERT_TEST_DATABASE_URL); nothing to measure');
    process.exit(0);
  }
  return line.slice(line.indexOf('=') + 1);
}

execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { stdio: 'ignore' });
const work = mkdtempSync(path.join(os.tmpdir(), 'de-bench-scale-'));
const model = await startReviewModel(root, work, LATENCY_MS);

const bin = path.join(root, 'bin/docker-expert.js');
const archive = reviewArchive(root);
const baseUrl = databaseUrl();
const admin = new pg.Client({ connectionString: baseUrl });
await admin.connect();
const env = { ...childEnv, ANTHROPIC_API_KEY: 'bench', ANTHROPIC_AUTH_TOKEN: '', ANTHROPIC_BASE_URL: model.url, DOCKER_EXPERT_SHELLCHECK: 'off' };

/** Starts a CLI process and resolves once its stderr log has a line matching `ready` (its first group, if any). */
function start(args, ready, label) {
  const child = spawn(process.execPath, [bin, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  const up = new Promise((resolve, reject) => {
    child.stderr.on('data', (d) => {
      log += d;
      const m = ready.exec(log);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`${label} exited ${code}:\n${log.slice(-3000)}`)));
  });
  return { child, up };
}

async function round(workers) {
  const dbName = `bench_scale_${process.pid}_${workers}`;
  await admin.query(`DROP DATABASE IF EXISTS ${dbName}`);
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = new URL(baseUrl);
  url.pathname = `/${dbName}`;
  const database = url.toString();
  const processes = [];
  const dbs = [];
  try {
    // No --max-running-per-key: on PostgreSQL it is now a limit counted across the workers at each claim (it did
    // nothing here before); the slots are the only limit this measures, as it always did.
    const api = start(['serve', '--port', '0', '--workers', '0', '--database', database, '--data', path.join(work, `api-${workers}`), '--max-queued-per-key', String(TASKS + 1), '--max-queued', String(TASKS + 1)], /"event":"listening","url":"([^"]+)"/, 'serve');
    processes.push(api.child);
    const apiUrl = await api.up;
    const key = execFileSync(process.execPath, [bin, 'keys', 'create', 'bench', '--database', database], { encoding: 'utf8', env }).trim();
    const started = [];
    for (let w = 0; w < workers; w++) {
      const worker = start(['worker', '--database', database, '--concurrency', String(CONCURRENCY), '--no-verify', '--data', path.join(work, `worker-${workers}-${w}`)], /"event":"worker_ready"()/, `worker ${w}`);
      processes.push(worker.child);
      started.push(worker.up);
    }
    await Promise.all(started);

    const client = await a2aClient(apiUrl, key);
    const message = (i) => reviewMessage(i, archive);
    // Done is what ListTasks would answer (the task rows' states in the SDK's store), read from the database itself:
    // asking the API server twice every 50 ms (HTTP, key check, two queries) made the observer a load of its own on
    // the measured processes' 2 cores, an extra 40 requests a second that no task needs.
    const db = new pg.Client({ connectionString: database });
    await db.connect();
    dbs.push(db);
    const waitFor = async (n) => {
      for (;;) {
        const { rows } = await db.query(
          `SELECT count(*) FILTER (WHERE status_state = 'TASK_STATE_FAILED')::int AS failed, count(*) FILTER (WHERE status_state = 'TASK_STATE_COMPLETED')::int AS done FROM tasks`,
        );
        if (rows[0].failed > 0) throw new Error(`${rows[0].failed} tasks failed`);
        if (rows[0].done >= n) return;
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    // Warm-up: one task per worker slot (first-use costs in every worker), not counted.
    for (let i = 0; i < workers * CONCURRENCY; i++) await client.sendMessage(message(-1 - i));
    await waitFor(workers * CONCURRENCY);

    const load = os.loadavg()[0];
    const t0 = performance.now();
    for (let i = 0; i < TASKS; i++) await client.sendMessage(message(i));
    await waitFor(TASKS + workers * CONCURRENCY);
    const wallS = (performance.now() - t0) / 1000;
    const slots = workers * CONCURRENCY;
    const idealS = Math.ceil(TASKS / slots) * RESPONSES_PER_TASK * (LATENCY_MS / 1000);
    const loadAfter = os.loadavg()[0];

    // The queue alone: tasks sent one at a time to idle workers; pg-boss's own clock says how long each job waited
    // between its creation and a worker taking it (NOTIFY, fetch, claim).
    for (let i = 0; i < QUEUE_PROBES; i++) {
      await client.sendMessage(message(1000 + i));
      await waitFor(TASKS + slots + i + 1);
    }
    const { rows } = await db.query(
      `SELECT extract(epoch FROM (started_on - created_on)) * 1000 AS ms FROM pgboss.job WHERE name = $1 AND started_on IS NOT NULL ORDER BY created_on DESC LIMIT $2`,
      [QUEUE_NAME, QUEUE_PROBES],
    );
    const handOver = rows.map((r) => Number(r.ms)).sort((a, b) => a - b);
    return { workers, slots, wallS, idealS, throughput: TASKS / wallS, overheadMs: ((wallS - idealS) * 1000 * slots) / TASKS, queueMs: handOver[Math.floor(handOver.length / 2)], queueMaxMs: handOver.at(-1), load: [load, loadAfter] };
  } finally {
    for (const db of dbs) await db.end().catch(() => {});
    for (const p of processes.reverse()) {
      p.kill('SIGTERM');
      await new Promise((r) => (p.exitCode !== null ? r() : p.once('exit', r)));
    }
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => {});
  }
}

const results = [];
try {
  for (const n of WORKER_COUNTS) results.push(await round(n));
} finally {
  await admin.end();
  await model.close();
  rmSync(work, { recursive: true, force: true });
}
console.log(`docker-expert bench:scale (${TASKS} tasks a round; ${CONCURRENCY} tasks at once per worker; ${LATENCY_MS} ms per model response, ${RESPONSES_PER_TASK} per task; ${os.cpus().length} cores; Node ${process.version})`);
for (const r of results) {
  console.log(
    `  ${String(r.workers).padStart(2)} worker(s), ${String(r.slots).padStart(2)} slots: ${r.wallS.toFixed(2)} s (ideal ${r.idealS.toFixed(1)} s), ${r.throughput.toFixed(2)} tasks/s, overhead per task ${r.overheadMs.toFixed(0)} ms; queue hand-over median ${r.queueMs.toFixed(1)} ms (max ${r.queueMaxMs.toFixed(1)}, target < ${TARGET_QUEUE_MS} ms: ${r.queueMs < TARGET_QUEUE_MS ? 'met' : 'MISSED'}); load ${r.load.map((l) => l.toFixed(1)).join(' -> ')}`,
  );
}
if (results.length >= 2) {
  const ratio = results.at(-1).throughput / results[0].throughput;
  console.log(`  throughput ${results.at(-1).workers} workers / ${results[0].workers}: ${ratio.toFixed(2)}x (target >= ${TARGET_RATIO}x: ${ratio >= TARGET_RATIO ? 'met' : 'MISSED'})`);
}
