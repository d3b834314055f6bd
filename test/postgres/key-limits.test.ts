/**
 * The per-key queue limit on PostgreSQL holds across API servers (issue 18): two `serve --database … --workers 0`
 * with --max-queued-per-key 3 and no worker, eight tasks of one key sent at once, half to each: three are queued, five
 * are answered 429 naming the flag; another key is not affected; a place comes back when a waiting task ends (cancelled
 * through the other server, which passes the cancel on through the database).
 */
import { TaskState, type Task } from '@a2a-js/sdk';
import type { Client } from '@a2a-js/sdk/client';
import { execa } from 'execa';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { TOO_MANY_TASKS_CODE } from '../../service/admission.js';
import { NODE_APP, archivePart, sdkClient, tarGzOf, userMessage } from '../service/helpers.js';
import { postgresForTests } from '../support/postgres.js';
import { BIN, Processes } from './processes.js';

const db = await postgresForTests('the per-key queue limit across two API servers');
const LIMIT = 3;

describe.skipIf(db.skip !== undefined)(db.title, () => {
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, DOCKER_EXPERT_SHELLCHECK: 'off' };
  const ps = new Processes(env);
  let url = '';
  let apis: string[] = [];
  const keys: Record<string, string> = {};
  let archive: Buffer;

  beforeAll(async () => {
    url = await db.freshDatabase();
    archive = await tarGzOf(NODE_APP);
    for (const name of ['alice', 'bob']) keys[name] = (await execa(process.execPath, [BIN, 'keys', 'create', name, '--database', url], { env, extendEnv: false })).stdout.trim();
    const serve = (label: string) => ps.spawn(['serve', '--port', '0', '--workers', '0', '--database', url, '--data', ps.tmp(label), '--max-queued-per-key', String(LIMIT)]);
    apis = await Promise.all([serve('api1'), serve('api2')].map(async (s) => (await s.waitFor(/"event":"listening","url":"([^"]+)"/))[1]!));
  }, 120_000);

  afterAll(async () => {
    await ps.stopAll();
    await db.dropAll();
  });

  const send = (client: Client) =>
    client.sendMessage({
      tenant: '',
      message: userMessage('Containerize this app', [archivePart(archive)]),
      configuration: { acceptedOutputModes: [], taskPushNotificationConfig: undefined, historyLength: undefined, returnImmediately: true },
      metadata: undefined,
    }) as Promise<Task>;

  test('eight at once on two servers: three queued, five refused; another key unaffected; a cancelled task frees its place', async () => {
    const alice = await Promise.all(apis.map((a) => sdkClient(a, keys.alice!, 'JSONRPC')));
    const sent = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => send(alice[i % 2]!)));
    const queued = sent.filter((s): s is PromiseFulfilledResult<Task> => s.status === 'fulfilled').map((s) => s.value);
    const sentTo = (task: Task) => sent.findIndex((s) => s.status === 'fulfilled' && s.value.id === task.id) % 2;
    const refused = sent.filter((s): s is PromiseRejectedResult => s.status === 'rejected').map((s) => String(s.reason));
    expect(queued.map((t) => t.status?.state)).toEqual([TaskState.TASK_STATE_SUBMITTED, TaskState.TASK_STATE_SUBMITTED, TaskState.TASK_STATE_SUBMITTED]);
    expect(refused).toHaveLength(8 - LIMIT);
    for (const r of refused) expect(r).toMatch(/3 tasks waiting .*at most 3, --max-queued-per-key, on every API server/);

    // The raw answer on either server: HTTP 429 with a JSON-RPC error.
    const raw = await fetch(`${apis[1]}/a2a/jsonrpc`, {
      method: 'POST',
      headers: { authorization: `Bearer ${keys.alice}`, 'content-type': 'application/json', 'a2a-version': '1.0' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'SendMessage', params: { message: { messageId: 'm', role: 'ROLE_USER', parts: [{ text: 'x' }] } } }),
    });
    expect(raw.status).toBe(429);
    expect(await raw.json()).toMatchObject({ jsonrpc: '2.0', id: 7, error: { code: TOO_MANY_TASKS_CODE, message: expect.stringMatching(/--max-queued-per-key/) } });

    // Another key has places of its own.
    const bob = await sdkClient(apis[0]!, keys.bob!, 'JSONRPC');
    expect((await send(bob)).status?.state).toBe(TaskState.TASK_STATE_SUBMITTED);

    // A waiting task that ends gives its place back, on every server: one more, and then the limit again. It is
    // cancelled through the server it was not sent to (which holds no bus for it: the cancel goes through the database).
    const other = 1 - sentTo(queued[0]!);
    expect((await alice[other]!.cancelTask({ tenant: '', id: queued[0]!.id, metadata: undefined })).status?.state).toBe(TaskState.TASK_STATE_CANCELED);
    expect((await send(alice[1]!)).status?.state).toBe(TaskState.TASK_STATE_SUBMITTED);
    await expect(send(alice[0]!)).rejects.toThrow(/--max-queued-per-key/);

    // Every place was taken over by its task's row (or never taken): none is left behind.
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const places = await c.query<{ n: number }>('SELECT count(*)::int AS n FROM dx_admissions');
    const cancelled = await c.query<{ finished: boolean; cancel_requested: boolean }>('SELECT finished, cancel_requested FROM dx_tasks WHERE task_id = $1', [queued[0]!.id]);
    await c.end();
    expect(places.rows[0]!.n).toBe(0);
    expect(cancelled.rows).toEqual([{ finished: true, cancel_requested: true }]);
  }, 60_000);
});
