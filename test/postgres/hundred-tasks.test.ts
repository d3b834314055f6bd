/**
 * The scale-out "done when": 2 API processes and 3 worker processes on loopback run 100 tasks while one worker is
 * killed with kill -9 three times (started again each time), and PostgreSQL (a cluster of this test's own) is
 * restarted once 60% of the tasks are done. Every task completes once, every `docker` command (a shim on PATH that
 * logs its argv) ran at most once (exactly once but for a call a kill cut before the shim started: see below), and
 * each task's artifacts equal those of the same task run by a single `serve` process (SQLite, no database).
 *
 * The model is the scripted Messages API; each answer depends only on the conversation so far, so it is the same on
 * any worker and after any resume: the analyze step, `docker version --format tN-a`, write notes-N.txt, `docker version
 * --format tN-b`, finish. A call reported "Not run" (it never started) is sent again, as the interrupted-call note
 * tells a model to; a docker call reported "Interrupted" (it ran) is not; an interrupted Write (idempotent) is.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TaskState, type Artifact, type Task } from '@a2a-js/sdk';
import type { Client } from '@a2a-js/sdk/client';
import { execa } from 'execa';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { KeyStore } from '../../service/keys.js';
import { NODE_APP, archivePart, sdkClient, tarGzOf, userMessage } from '../service/helpers.js';
import { dockerShim, toolResults } from '../sessions/helpers.js';
import { startScriptedServer, toolTurn, toolUse, type LoggedRequest, type ReplyBlock, type ScriptedServer } from '../support/scripted-server.js';
import { postgresForTests, startPrivateCluster, type PrivateCluster } from '../support/postgres.js';
import { BIN, Processes, type Proc } from './processes.js';

const TASKS = Number(process.env.DX_HUNDRED_TASKS ?? 100);
const db = await postgresForTests(`${TASKS} tasks on 2 API servers and 3 workers, one worker killed three times`);

const taskNumber = (req: LoggedRequest) => Number(/task (\d+)\b/.exec(JSON.stringify(req.body.messages[0]))![1]);

function reply(req: LoggedRequest) {
  const n = taskNumber(req);
  const results = toolResults(req.body);
  const latest = (prefix: string) => results.filter((r) => r.id.startsWith(prefix)).at(-1);
  const id = (prefix: string) => `${prefix}${results.filter((r) => r.id.startsWith(prefix)).length}`;
  const steps: [string, ReplyBlock, boolean][] = [
    [`toolu_${n}_s_`, toolUse('WorkflowStep', { step: 'analyze', status: 'done', summary: `task ${n}` }), false],
    [`toolu_${n}_a_`, toolUse('Bash', { command: `docker version --format t${n}-a` }), false],
    [`toolu_${n}_w_`, toolUse('Write', { file_path: `notes-${n}.txt`, content: `notes of task ${n}\n` }), true],
    [`toolu_${n}_b_`, toolUse('Bash', { command: `docker version --format t${n}-b` }), false],
  ];
  for (const [prefix, call, idempotent] of steps) {
    const r = latest(prefix);
    const again = r && (r.text.startsWith('Not run:') || (idempotent && r.text.startsWith('Interrupted')));
    if (!r || again) return toolTurn([{ ...call, id: id(prefix) } as ReplyBlock], undefined, { latencyMs: 50 });
  }
  const finish = ['design', 'secure', 'optimize', 'deploy'].map((step) => toolUse('WorkflowStep', { step, status: 'skipped', summary: `nothing to do for ${step}` }));
  return toolTurn([...finish, toolUse('Handoff', { to: 'terminal', summary: `task ${n} checked` })], undefined, { latencyMs: 50 });
}

/**
 * What a task produced, comparable across runs: artifact name -> content. The handoff's own `artifacts` list is left
 * out: a run resumed on another worker lists only the files it changed itself (a known gap; the changed files
 * themselves and the diff are compared in full).
 */
function outcome(task: Task): Record<string, unknown> {
  const content = (a: Artifact) =>
    a.parts.map((p) => {
      const c = p.content;
      if (c?.$case === 'raw') return Buffer.from(c.value as Uint8Array).toString();
      if (c?.$case === 'text') return c.value;
      const { artifacts: _listed, ...rest } = (c?.value ?? {}) as Record<string, unknown>;
      return JSON.stringify(a.name === 'handoff' ? rest : c?.value);
    });
  return Object.fromEntries(task.artifacts.map((a) => [a.name, content(a)]).sort());
}

/**
 * The docker commands the tasks ran (the shim's log without its pid column): the runtime's own `docker ps` listings
 * (the janitor's at each worker start, the removal of a finished task's containers) are not a task's commands.
 */
const taskCommands = (shimCalls: string[]) => shimCalls.map((l) => l.replace(/^\d+ /, '')).filter((c) => !c.startsWith('ps '));

/** For a failing run: each task that did not complete, its status message, and every log line that names it. */
function unfinishedReport(tasks: Task[], lines: string[]): string {
  return tasks
    .filter((t) => t.status?.state !== TaskState.TASK_STATE_COMPLETED)
    .map((t) => {
      const text = t.status?.message?.parts.map((p) => (p.content?.$case === 'text' ? p.content.value : '')).join(' ');
      return `task ${t.id}: state ${t.status?.state}, message ${JSON.stringify(text)}\n  ${lines.filter((l) => l.includes(t.id)).join('\n  ')}`;
    })
    .join('\n');
}

async function allSettled(client: Client, ids: string[]): Promise<Task[]> {
  return Promise.all(ids.map((id) => client.getTask({ tenant: '', id, historyLength: undefined })));
}

const sendLater = (client: Client, n: number, archive: Buffer) =>
  client.sendMessage({
    tenant: '',
    message: userMessage(`Check the engine for task ${n}`, [archivePart(archive)]),
    configuration: { acceptedOutputModes: [], taskPushNotificationConfig: undefined, historyLength: undefined, returnImmediately: true },
    metadata: undefined,
  }) as Promise<Task>;

// Opt-in (DOCKER_EXPERT_SCALE_TESTS=1, `npm run test:scale`): about 80 s quiet, 3 to 4 minutes at load. CI turns it on
// for its own Node line (.ci/run), where it runs beside the engine project. Its
// flake under load (a taken-over task ending FAILED, error_max_turns) was a resumed run whose Handoff had already been
// accepted; fixed in the agent (test/sessions/resume-cli.test.ts has the case on its own).
const optIn = process.env.DOCKER_EXPERT_SCALE_TESTS === '1';
describe.skipIf(db.skip !== undefined || !optIn)(optIn ? db.title : `${db.title} (opt-in: DOCKER_EXPERT_SCALE_TESTS=1)`, () => {
  let model: ScriptedServer;
  let cluster: PrivateCluster;
  let archive: Buffer;
  const shim = dockerShim();
  const singleShim = dockerShim();
  const ps = new Processes({});
  let single: Record<string, unknown>[] = [];

  beforeAll(async () => {
    model = await startScriptedServer([], { whenDone: reply });
    archive = await tarGzOf(NODE_APP);
    cluster = await startPrivateCluster();
  }, 120_000);

  afterAll(async () => {
    if (process.env.DX_DUMP_LOGS) {
      (await import('node:fs')).writeFileSync(process.env.DX_DUMP_LOGS, ps.allLines().join('\n'));
      const lines = model.messageRequests.map((r) => `${taskNumber(r)} ${toolResults(r.body).map((t) => `${t.id}:${t.text.slice(0, 40)}`).join(' | ')} => ${JSON.stringify((r.reply as { content?: { id?: string; name?: string }[] })?.content?.map((b) => b.id ?? b.name))}`);
      (await import('node:fs')).writeFileSync(`${process.env.DX_DUMP_LOGS}.model`, lines.join('\n'));
    }
    await ps.stopAll();
    await model?.close();
    await cluster?.stop();
    rmSync(shim.binDir, { recursive: true, force: true });
    rmSync(singleShim.binDir, { recursive: true, force: true });
  }, 60_000);

  const envWith = (binDir: string) => ({ PATH: `${binDir}:${process.env.PATH}`, HOME: process.env.HOME, DOCKER_EXPERT_SHELLCHECK: 'off', ANTHROPIC_API_KEY: 'sk-test', ANTHROPIC_BASE_URL: model.url });

  test('the single-process reference run (serve on SQLite)', async () => {
    const data = mkdtempSync(path.join(tmpdir(), 'dx-single-'));
    try {
      const key = await new KeyStore(data).create('ci');
      const local = new Processes(envWith(singleShim.binDir));
      const server = local.spawn(['serve', '--port', '0', '--data', data, '--workers', '8', '--max-queued-per-key', String(TASKS), '--no-verify']);
      const url = (await server.waitFor(/"event":"listening","url":"([^"]+)"/))[1]!;
      const client = await sdkClient(url, key, 'JSONRPC');
      const ids: string[] = [];
      for (let n = 0; n < TASKS; n++) ids.push((await sendLater(client, n, archive)).id);
      await local.waitUntil(() => local.allLines().filter((l) => l.includes('"event":"task_completed"')).length === TASKS, 300_000, 'every task of the single-process run to complete');
      const tasks = await allSettled(client, ids);
      expect(tasks.map((t) => t.status?.state)).toEqual(ids.map(() => TaskState.TASK_STATE_COMPLETED));
      single = tasks.map(outcome);
      expect(taskCommands(singleShim.calls())).toHaveLength(2 * TASKS);
      await local.stopAll();
    } finally {
      rmSync(data, { recursive: true, force: true });
    }
  }, 400_000);

  test(`${TASKS} tasks complete once each through kill -9 of a worker (three times)`, async () => {
    expect(single).toHaveLength(TASKS);
    const env = envWith(shim.binDir);
    Object.assign(ps.env, env);
    const url = cluster.url;
    const key = (await execa(process.execPath, [BIN, 'keys', 'create', 'ci', '--database', url], { env, extendEnv: false })).stdout.trim();
    const apis = await Promise.all(
      [1, 2].map(async (i) => (await ps.spawn(['serve', '--port', '0', '--workers', '0', '--database', url, '--data', ps.tmp(`api${i}`), '--max-queued-per-key', String(TASKS)]).waitFor(/"event":"listening","url":"([^"]+)"/))[1]!),
    );
    const worker = (label: string): Proc => ps.spawn(['worker', '--database', url, '--concurrency', '4', '--no-verify', '--data', ps.tmp(label)]);
    const steady = [worker('w1'), worker('w2')];
    let victim = worker('victim0');
    await Promise.all([...steady, victim].map((w) => w.waitFor(/"event":"worker_ready"/)));

    const clients = await Promise.all(apis.map((a) => sdkClient(a, key, 'JSONRPC')));
    const ids: string[] = [];
    for (let n = 0; n < TASKS; n++) ids.push((await sendLater(clients[n % 2]!, n, archive)).id);
    const done = () => new Set(ps.allLines().filter((l) => l.includes('"event":"task_done"')).map((l) => /"task_id":"([^"]+)"/.exec(l)![1])).size;
    const started = (p: Proc) => p.log.filter((l) => l.includes('"event":"task_started"')).length;

    // Three times: once the victim has started two tasks (it holds them mid-run), kill -9, and start a new one.
    for (let kill = 1; kill <= 3; kill++) {
      const v = victim;
      await ps.waitUntil(() => started(v) >= 2, 120_000, `victim ${kill} to start two tasks`);
      v.child.kill('SIGKILL');
      expect((await v.child).signal).toBe('SIGKILL');
      victim = worker(`victim${kill}`);
      await victim.waitFor(/"event":"worker_ready"/);
    }
    expect(done()).toBeLessThan(TASKS);
    // PostgreSQL restarts while tasks run: every process reconnects and the tasks go on.
    await ps.waitUntil(() => done() >= TASKS * 0.6, 300_000, `${TASKS * 0.6} tasks done`);
    await cluster.restart();
    await ps.waitUntil(() => done() === TASKS, 300_000, `all ${TASKS} tasks done`);

    const tasks = await allSettled(clients[1]!, ids);
    expect(tasks.map((t) => t.status?.state), unfinishedReport(tasks, ps.allLines())).toEqual(ids.map(() => TaskState.TASK_STATE_COMPLETED));
    // The same artifacts (diff, notes file, handoff) as the single-process run, task by task.
    expect(tasks.map(outcome)).toEqual(single);

    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const finished = await c.query<{ n: number }>('SELECT count(*)::int AS n FROM dx_tasks WHERE finished');
    const finals = await c.query<{ task_id: string; n: number }>(
      `SELECT task_id, count(*)::int AS n FROM dx_task_events WHERE kind = 'statusUpdate'
         AND event->'status'->>'state' IN ('TASK_STATE_COMPLETED', 'TASK_STATE_FAILED', 'TASK_STATE_CANCELED') GROUP BY task_id`,
    );
    const retried = await c.query<{ n: number }>('SELECT count(*)::int AS n FROM dx_tasks WHERE attempts > 1');
    const takenOver = new Set((await c.query<{ task_id: string }>('SELECT task_id FROM dx_tasks WHERE attempts > 1')).rows.map((r) => r.task_id));
    await c.end();
    expect(finished.rows[0]!.n).toBe(TASKS);
    expect(finals.rows.map((r) => r.n)).toEqual(ids.map(() => 1));
    // The killed workers held tasks that others took over.
    expect(retried.rows[0]!.n).toBeGreaterThanOrEqual(3);

    // Every docker command ran at most once, whatever worker ran it. It ran exactly once unless a kill fell between the call's journaled start and the shim
    // starting: that call is reported to the model as interrupted and not sent again (it may have run), so it never
    // ran. Only a taken-over task can miss a call, and at most one per kill.
    const calls = taskCommands(shim.calls());
    const expected = ids.flatMap((_, n) => [`version --format t${n}-a`, `version --format t${n}-b`]);
    expect(new Set(calls).size, 'a docker command ran twice').toBe(calls.length);
    expect(calls.filter((call) => !expected.includes(call))).toEqual([]);
    const missing = expected.filter((call) => !calls.includes(call));
    expect(missing.length).toBeLessThanOrEqual(3);
    for (const call of missing) expect(takenOver.has(ids[Number(/ t(\d+)-/.exec(call)![1])]!), `${call} is missing from a task no kill touched`).toBe(true);
  }, 900_000);
});
