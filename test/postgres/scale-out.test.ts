/**
 * Scale-out on PostgreSQL with real processes: two API servers (`serve --database … --workers 0`) and two workers
 * (`worker --database …`) sharing one real database, driven by the A2A SDK's own client. The offline expert runs
 * (no model key) with the verify loop off.
 */
import { TaskState, type Part, type StreamResponse, type Task } from '@a2a-js/sdk';
import { execa } from 'execa';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { NODE_APP, archivePart, expectCompletedTaskStream, sdkClient, tarGzOf, userMessage } from '../service/helpers.js';
import { postgresForTests } from '../support/postgres.js';
import { BIN, Processes } from './processes.js';

const db = await postgresForTests('scale-out on PostgreSQL: 2 API servers and 2 workers');

const send = (text: string, parts: Part[]) => ({ tenant: '', message: userMessage(text, parts), configuration: undefined, metadata: undefined });

describe.skipIf(db.skip !== undefined)(db.title, () => {
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, DOCKER_EXPERT_SHELLCHECK: 'off' };
  const ps = new Processes(env);
  const spawn = (args: string[]) => ps.spawn(args);
  const tmp = (label: string) => ps.tmp(label);
  let url = '';
  let keys: Record<string, string> = {};
  let apis: string[] = [];
  let workers: ReturnType<typeof spawn>[] = [];
  let archive: Buffer;

  beforeAll(async () => {
    url = await db.freshDatabase();
    archive = await tarGzOf(NODE_APP);
    for (const name of ['alice', 'bob']) {
      const r = await execa(process.execPath, [BIN, 'keys', 'create', name, '--database', url], { env, extendEnv: false });
      keys[name] = r.stdout.trim();
    }
    const servers = [spawn(['serve', '--port', '0', '--workers', '0', '--database', url, '--data', tmp('api1')]), spawn(['serve', '--port', '0', '--workers', '0', '--database', url, '--data', tmp('api2')])];
    apis = await Promise.all(servers.map(async (s) => (await s.waitFor(/"event":"listening","url":"([^"]+)"/))[1]!));
    workers = [spawn(['worker', '--database', url, '--concurrency', '2', '--no-verify', '--data', tmp('w1')]), spawn(['worker', '--database', url, '--concurrency', '2', '--no-verify', '--data', tmp('w2')])];
    await Promise.all(workers.map((w) => w.waitFor(/"event":"worker_ready"/)));
  }, 120_000);

  afterAll(async () => {
    await ps.stopAll();
    await db.dropAll();
  }, 60_000);

  test('a stream opened on API 1 receives every event of a task a worker runs, in order; API 2 then serves the same task', async () => {
    const client = await sdkClient(apis[0]!, keys.alice!, 'HTTP+JSON');
    const events: StreamResponse[] = [];
    for await (const e of client.sendMessageStream(send('Containerize this Node.js app', [archivePart(archive)]))) events.push(e);
    const { kinds, task } = expectCompletedTaskStream(events);
    expect(kinds.lastIndexOf('artifactUpdate')).toBe(kinds.length - 2);

    // The stream is exactly the event table, in its order.
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const { rows } = await c.query<{ kind: string }>('SELECT kind FROM dx_task_events WHERE task_id = $1 ORDER BY seq', [task.id]);
    await c.end();
    expect(rows.map((r) => r.kind)).toEqual(kinds.slice(1));

    // A worker ran it (the API servers have no worker slots), and the other API server serves the stored task.
    const ranOn = workers.filter((w) => w.log.some((l) => l.includes('"event":"task_done"') && l.includes(task.id)));
    expect(ranOn).toHaveLength(1);
    const other = await sdkClient(apis[1]!, keys.alice!, 'JSONRPC');
    const stored = await other.getTask({ tenant: '', id: task.id, historyLength: undefined });
    expect(stored.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
    expect(stored.artifacts.map((a) => a.name)).toContain('Dockerfile');
    // Keys are per key on every server: bob cannot see it.
    const bob = await sdkClient(apis[1]!, keys.bob!, 'JSONRPC');
    await expect(bob.getTask({ tenant: '', id: task.id, historyLength: undefined })).rejects.toThrow(/not found/i);
  }, 120_000);

  test('ten tasks sent alternately to both API servers each complete once, spread over both workers', async () => {
    const clients = await Promise.all(apis.map((a) => sdkClient(a, keys.alice!, 'JSONRPC')));
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      const r = (await clients[i % 2]!.sendMessage({ ...send('Containerize this Node.js app', [archivePart(archive)]), configuration: { acceptedOutputModes: [], taskPushNotificationConfig: undefined, historyLength: undefined, returnImmediately: true } })) as Task;
      ids.push(r.id);
    }
    const deadline = Date.now() + 120_000;
    const states = new Map<string, TaskState | undefined>();
    while (Date.now() < deadline) {
      for (const id of ids) states.set(id, (await clients[1]!.getTask({ tenant: '', id, historyLength: undefined })).status?.state);
      if ([...states.values()].every((s) => s === TaskState.TASK_STATE_COMPLETED || s === TaskState.TASK_STATE_FAILED)) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect([...states.values()]).toEqual(ids.map(() => TaskState.TASK_STATE_COMPLETED));
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const { rows } = await c.query<{ task_id: string; attempts: number; finished: boolean }>('SELECT task_id, attempts, finished FROM dx_tasks WHERE task_id = ANY($1)', [ids]);
    await c.end();
    expect(rows.map((r) => [r.attempts, r.finished])).toEqual(ids.map(() => [1, true]));
    const perWorker = workers.map((w) => ids.filter((id) => w.log.some((l) => l.includes('"event":"task_done"') && l.includes(id))).length);
    expect(perWorker.reduce((a, b) => a + b, 0)).toBe(10);
  }, 180_000);
});
