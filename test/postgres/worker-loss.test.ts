/**
 * Losing a worker: the worker running a task is killed with kill -9 while a `docker` call of the task runs (the
 * shim logs each call and sleeps on "slow"). The others notice (its heartbeat stops; the reaper fails its pg-boss
 * job), another worker takes the task within 60 s, rebuilds its workspace from the uploaded archive plus the
 * journaled file changes, and resumes it from the journal in PostgreSQL: the Write whose result was journaled is
 * not run again, the docker call that was running is reported to the model as interrupted, not run again.
 */
import { createHash } from 'node:crypto';
import { TaskState, type Task } from '@a2a-js/sdk';
import { execa } from 'execa';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { NODE_APP, archivePart, sdkClient, tarGzOf, userMessage } from '../service/helpers.js';
import { dockerShim, killQuietly, toolResults, waitFor } from '../sessions/helpers.js';
import { startScriptedServer, toolTurn, toolUse, type LoggedRequest, type ScriptedServer } from '../support/scripted-server.js';
import { postgresForTests } from '../support/postgres.js';
import { BIN, Processes, type Proc } from './processes.js';

const db = await postgresForTests('worker loss on PostgreSQL: kill -9 of the worker running a task');
const NOTES = 'written before the kill\n';

/** Write notes.txt, then a slow docker call, then finish: each answer depends only on the results so far. */
function reply(req: LoggedRequest) {
  const ids = toolResults(req.body).map((r) => r.id);
  if (ids.includes('toolu_slow')) {
    const steps = ['design', 'secure', 'optimize', 'deploy'].map((step) => toolUse('WorkflowStep', { step, status: 'skipped', summary: `nothing to do for ${step}` }));
    return toolTurn([...steps, toolUse('Handoff', { to: 'terminal', summary: 'Checked the engine.' })]);
  }
  if (ids.includes('toolu_notes')) return toolTurn([toolUse('Bash', { command: 'docker version --format slow' }, 'toolu_slow')]);
  return toolTurn([toolUse('WorkflowStep', { step: 'analyze', status: 'done', summary: 'a Node.js app' }), toolUse('Write', { file_path: 'notes.txt', content: NOTES }, 'toolu_notes')]);
}

describe.skipIf(db.skip !== undefined)(db.title, () => {
  let model: ScriptedServer;
  let ps: Processes;
  const shim = dockerShim();
  // The task's own docker calls (the janitor's `docker ps` at each worker start goes through the shim too).
  const slowCalls = () => shim.calls().filter((c) => c.endsWith('version --format slow'));
  let url = '';
  let key = '';
  let api = '';
  let workers: Proc[] = [];

  beforeAll(async () => {
    model = await startScriptedServer([], { whenDone: reply });
    const env = { PATH: `${shim.binDir}:${process.env.PATH}`, HOME: process.env.HOME, DOCKER_EXPERT_SHELLCHECK: 'off', ANTHROPIC_API_KEY: 'sk-test', ANTHROPIC_BASE_URL: model.url };
    ps = new Processes(env);
    url = await db.freshDatabase();
    key = (await execa(process.execPath, [BIN, 'keys', 'create', 'ci', '--database', url], { env, extendEnv: false })).stdout.trim();
    const server = ps.spawn(['serve', '--port', '0', '--workers', '0', '--database', url, '--data', ps.tmp('api')]);
    api = (await server.waitFor(/"event":"listening","url":"([^"]+)"/))[1]!;
    workers = [1, 2].map((n) => ps.spawn(['worker', '--database', url, '--concurrency', '1', '--no-verify', '--data', ps.tmp(`w${n}`)]));
    await Promise.all(workers.map((w) => w.waitFor(/"event":"worker_ready"/)));
  }, 120_000);

  afterAll(async () => {
    for (const c of shim.calls()) killQuietly(Number(c.split(' ')[0]));
    await ps?.stopAll();
    await model?.close();
    await db.dropAll();
  }, 60_000);

  test('the task is taken over within 60 s, resumed from the journal, and ends once; no tool call runs twice', async () => {
    const client = await sdkClient(api, key, 'JSONRPC');
    const sent = (await client.sendMessage({
      tenant: '',
      message: userMessage('Check the engine', [archivePart(await tarGzOf(NODE_APP))]),
      configuration: { acceptedOutputModes: [], taskPushNotificationConfig: undefined, historyLength: undefined, returnImmediately: true },
      metadata: undefined,
    })) as Task;
    const claimed = new RegExp(`"event":"task_claimed".*"task_id":"${sent.id}"`);
    const first = await Promise.race(workers.map((w, i) => w.waitFor(claimed, 60_000).then(() => i)));
    // The docker call is running (the shim logged it and sleeps): the task is mid-tool-call.
    await waitFor(() => slowCalls().length === 1, 60_000, 'the slow docker call to start');
    const killedAt = Date.now();
    workers[first]!.child.kill('SIGKILL');
    const survivor = workers[1 - first]!;
    await survivor.waitFor(new RegExp(`"event":"task_claimed".*"task_id":"${sent.id}","attempt":2`), 60_000);
    expect(Date.now() - killedAt).toBeLessThan(60_000);
    const takeover = await survivor.waitFor(new RegExp(`"event":"task_taken_over".*"task_id":"${sent.id}","records":(\\d+),"file_changes":(\\d+)`));
    expect(Number(takeover[2])).toBe(1);
    await survivor.waitFor(new RegExp(`"event":"task_done".*"task_id":"${sent.id}"`), 60_000);

    const task = await client.getTask({ tenant: '', id: sent.id, historyLength: undefined });
    expect(task.status?.state, JSON.stringify(task.status?.message)).toBe(TaskState.TASK_STATE_COMPLETED);
    // The workspace the survivor finished on had the file written before the kill (rebuilt from the journal).
    const notes = task.artifacts.find((a) => a.name === 'notes.txt');
    expect(notes).toBeDefined();
    const raw = notes!.parts[0]!.content;
    expect(raw?.$case).toBe('raw');
    expect(Buffer.from(raw!.value as Uint8Array).toString()).toBe(NOTES);

    // Each tool call ran once: one docker call in the shim's log, one Write answer; the model was told the docker call was interrupted.
    expect(slowCalls()).toHaveLength(1);
    const writes = model.messageRequests.filter((r) => !toolResults(r.body).some((t) => t.id === 'toolu_notes'));
    expect(writes).toHaveLength(1);
    const resumed = model.messageRequests.find((r) => toolResults(r.body).some((t) => t.id === 'toolu_slow'));
    const interrupted = toolResults(resumed!.body).find((t) => t.id === 'toolu_slow');
    expect(interrupted?.isError).toBe(true);
    expect(interrupted?.text).toMatch(/Interrupted: the session stopped .* while this Bash call was running/);

    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const { rows } = await c.query<{ attempts: number; finished: boolean }>('SELECT attempts, finished FROM dx_tasks WHERE task_id = $1', [sent.id]);
    const files = await c.query<{ path: string; sha256: string }>('SELECT path, sha256 FROM dx_task_files WHERE task_id = $1 ORDER BY seq', [sent.id]);
    const finals = await c.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM dx_task_events WHERE task_id = $1 AND kind = 'statusUpdate'
         AND event->'status'->>'state' IN ('TASK_STATE_COMPLETED', 'TASK_STATE_FAILED', 'TASK_STATE_CANCELED')`,
      [sent.id],
    );
    await c.end();
    expect(rows).toEqual([{ attempts: 2, finished: true }]);
    expect(files.rows[0]).toEqual({ path: 'notes.txt', sha256: createHash('sha256').update(NOTES).digest('hex') });
    expect(finals.rows[0]!.n).toBe(1);
  }, 200_000);
});
