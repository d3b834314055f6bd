/**
 * SubscribeToTask after a disconnect, on another API server (issue 18): a stream opened on API 1 is dropped while
 * the task waits for the model on the worker; SubscribeToTask on API 2 (which never saw the task) gets the stored task
 * and then every event of it from the first on, replayed from dx_task_events and followed to the end, in order.
 */
import { TaskState, type StreamResponse, type Task } from '@a2a-js/sdk';
import { execa } from 'execa';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { NODE_APP, archivePart, sdkClient, tarGzOf, userMessage } from '../service/helpers.js';
import { startScriptedServer, toolTurn, toolUse, type ScriptedServer } from '../support/scripted-server.js';
import { postgresForTests } from '../support/postgres.js';
import { BIN, Processes } from './processes.js';

const db = await postgresForTests('SubscribeToTask on another API server replays the task from the database');

describe.skipIf(db.skip !== undefined)(db.title, () => {
  let model: ScriptedServer;
  let release: () => void = () => {};
  const answered = new Promise<void>((resolve) => (release = resolve));
  const ps = new Processes({});
  let url = '';
  let key = '';
  let apis: string[] = [];

  beforeAll(async () => {
    const steps = ['analyze', 'design', 'secure', 'optimize', 'deploy'].map((step) => toolUse('WorkflowStep', { step, status: 'skipped', summary: `nothing to do for ${step}` }));
    // The model answers only once the test has subscribed again: the task is surely still running then.
    model = await startScriptedServer([async () => (await answered, toolTurn([...steps, toolUse('Handoff', { to: 'terminal', summary: 'checked' })]))]);
    Object.assign(ps.env, { PATH: process.env.PATH, HOME: process.env.HOME, DOCKER_EXPERT_SHELLCHECK: 'off', ANTHROPIC_API_KEY: 'sk-test', ANTHROPIC_BASE_URL: model.url });
    url = await db.freshDatabase();
    key = (await execa(process.execPath, [BIN, 'keys', 'create', 'ci', '--database', url], { env: ps.env, extendEnv: false })).stdout.trim();
    const serve = (label: string) => ps.spawn(['serve', '--port', '0', '--workers', '0', '--database', url, '--data', ps.tmp(label)]);
    apis = await Promise.all([serve('api1'), serve('api2')].map(async (s) => (await s.waitFor(/"event":"listening","url":"([^"]+)"/))[1]!));
    await ps.spawn(['worker', '--database', url, '--concurrency', '1', '--no-verify', '--data', ps.tmp('w')]).waitFor(/"event":"worker_ready"/);
  }, 120_000);

  afterAll(async () => {
    release();
    await ps.stopAll();
    await model?.close();
    await db.dropAll();
  });

  test('the stream dropped on API 1 is picked up on API 2 with every event, in order, to COMPLETED', async () => {
    const first = await sdkClient(apis[0]!, key, 'HTTP+JSON');
    let task: Task | undefined;
    for await (const e of first.sendMessageStream({ tenant: '', message: userMessage('Check this app', [archivePart(await tarGzOf(NODE_APP))]), configuration: undefined, metadata: undefined })) {
      if (e.payload?.$case === 'task') task = e.payload.value;
      // The worker has started the task (it now waits for the model): the client goes away.
      if (e.payload?.$case === 'statusUpdate' && e.payload.value.status?.state === TaskState.TASK_STATE_WORKING) break;
    }
    expect(task).toBeDefined();

    const second = await sdkClient(apis[1]!, key, 'JSONRPC');
    const events: StreamResponse[] = [];
    for await (const e of second.resubscribeTask({ tenant: '', id: task!.id })) {
      events.push(e);
      if (events.length === 1) release();
    }
    const kinds = events.map((e) => e.payload?.$case);
    expect(kinds[0]).toBe('task');
    const last = events.at(-1)!.payload;
    expect(last?.$case === 'statusUpdate' && last.value.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
    expect(events.some((e) => e.payload?.$case === 'artifactUpdate' && e.payload.value.artifact?.name === 'handoff')).toBe(true);

    // Everything after the stored task is the event table, from its first row, in its order.
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const { rows } = await c.query<{ kind: string; state: string | null }>(`SELECT kind, event->'status'->>'state' AS state FROM dx_task_events WHERE task_id = $1 ORDER BY seq`, [task!.id]);
    await c.end();
    const replayed = events.slice(1).map((e) => [e.payload?.$case, e.payload?.$case === 'statusUpdate' ? TaskState[e.payload.value.status!.state] : null]);
    expect(replayed).toEqual(rows.map((r) => [r.kind, r.state]));
  }, 120_000);
});
