/**
 * Losing a worker: a worker killed with kill -9 while its task waits on the model is noticed by the others (its
 * heartbeat stops; the reaper fails its pg-boss job), another worker takes the task within 60 s and ends it. The
 * model is the scripted Messages API; its first answer waits until the first worker is dead.
 */
import { TaskState, type Task } from '@a2a-js/sdk';
import { execa } from 'execa';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { NODE_APP, archivePart, sdkClient, tarGzOf, userMessage } from '../service/helpers.js';
import { endTurn, startScriptedServer, type ScriptedServer } from '../support/scripted-server.js';
import { postgresForTests } from '../support/postgres.js';
import { BIN, Processes, type Proc } from './processes.js';

const db = await postgresForTests('worker loss on PostgreSQL: kill -9 of the worker running a task');

describe.skipIf(db.skip !== undefined)(db.title, () => {
  let model: ScriptedServer;
  let openGate: () => void = () => {};
  const gate = new Promise<void>((resolve) => (openGate = resolve));
  let ps: Processes;
  let url = '';
  let key = '';
  let api = '';
  let workers: Proc[] = [];

  beforeAll(async () => {
    model = await startScriptedServer([], { whenDone: async () => (await gate, endTurn('Done: nothing to change.')) });
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, DOCKER_EXPERT_SHELLCHECK: 'off', ANTHROPIC_API_KEY: 'sk-test', ANTHROPIC_BASE_URL: model.url };
    ps = new Processes(env);
    url = await db.freshDatabase();
    key = (await execa(process.execPath, [BIN, 'keys', 'create', 'ci', '--database', url], { env, extendEnv: false })).stdout.trim();
    const server = ps.spawn(['serve', '--port', '0', '--workers', '0', '--database', url, '--data', ps.tmp('api')]);
    api = (await server.waitFor(/"event":"listening","url":"([^"]+)"/))[1]!;
    workers = [1, 2].map((n) => ps.spawn(['worker', '--database', url, '--concurrency', '1', '--no-verify', '--data', ps.tmp(`w${n}`)]));
    await Promise.all(workers.map((w) => w.waitFor(/"event":"worker_ready"/)));
  }, 120_000);

  afterAll(async () => {
    openGate();
    await ps?.stopAll();
    await model?.close();
    await db.dropAll();
  }, 60_000);

  test('the task is taken over within 60 s and ends once, on the surviving worker', async () => {
    const client = await sdkClient(api, key, 'JSONRPC');
    const sent = (await client.sendMessage({
      tenant: '',
      message: userMessage('Review the Dockerfile', [archivePart(await tarGzOf(NODE_APP))]),
      configuration: { acceptedOutputModes: [], taskPushNotificationConfig: undefined, historyLength: undefined, returnImmediately: true },
      metadata: undefined,
    })) as Task;
    const claimed = new RegExp(`"event":"task_claimed".*"task_id":"${sent.id}"`);
    const first = await Promise.race(workers.map((w, i) => w.waitFor(claimed, 60_000).then(() => i)));
    // Its model call is waiting on the gate: the task is mid-run.
    const deadline = Date.now() + 30_000;
    while (model.requests.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(model.requests.length).toBeGreaterThan(0);
    const killedAt = Date.now();
    workers[first]!.child.kill('SIGKILL');
    const survivor = workers[1 - first]!;
    await survivor.waitFor(new RegExp(`"event":"task_claimed".*"task_id":"${sent.id}","attempt":2`), 60_000);
    expect(Date.now() - killedAt).toBeLessThan(60_000);
    openGate();
    await survivor.waitFor(new RegExp(`"event":"task_done".*"task_id":"${sent.id}"`), 60_000);

    const task = await client.getTask({ tenant: '', id: sent.id, historyLength: undefined });
    expect([TaskState.TASK_STATE_COMPLETED, TaskState.TASK_STATE_FAILED]).toContain(task.status?.state);
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const { rows } = await c.query<{ attempts: number; finished: boolean }>('SELECT attempts, finished FROM dx_tasks WHERE task_id = $1', [sent.id]);
    const finals = await c.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM dx_task_events WHERE task_id = $1 AND kind = 'statusUpdate'
         AND event->'status'->>'state' IN ('TASK_STATE_COMPLETED', 'TASK_STATE_FAILED', 'TASK_STATE_CANCELED')`,
      [sent.id],
    );
    await c.end();
    expect(rows).toEqual([{ attempts: 2, finished: true }]);
    expect(finals.rows[0]!.n).toBe(1);
  }, 200_000);
});
