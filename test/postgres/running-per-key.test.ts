/**
 * --max-running-per-key on PostgreSQL holds across workers (issue 18): an API server with --max-running-per-key 1 and
 * two workers of two slots each (four slots). Alice sends three tasks and Bob one; the model holds every request until
 * the test lets go. While it holds them, one task of Alice's runs (one held by a worker in the database, one request
 * at the model), her other two were fetched by free slots and deferred, and Bob's runs beside hers. Let go, all four
 * complete, each in one attempt (a deferral is not an attempt).
 */
import { TaskState, type Task } from '@a2a-js/sdk';
import type { Client } from '@a2a-js/sdk/client';
import { execa } from 'execa';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { NODE_APP, archivePart, sdkClient, tarGzOf, userMessage } from '../service/helpers.js';
import { startScriptedServer, toolTurn, toolUse, type LoggedRequest, type ScriptedServer } from '../support/scripted-server.js';
import { postgresForTests } from '../support/postgres.js';
import { BIN, Processes, type Proc } from './processes.js';

const db = await postgresForTests('--max-running-per-key across workers');

describe.skipIf(db.skip !== undefined)(db.title, () => {
  let model: ScriptedServer;
  let letGo: () => void = () => {};
  const gate = new Promise<void>((resolve) => (letGo = resolve));
  /** Whose request each model call is (the task's text names its key), in arrival order. */
  const asked: string[] = [];
  const ps = new Processes({});
  let url = '';
  let api = '';
  const keys: Record<string, string> = {};
  let workers: Proc[] = [];

  beforeAll(async () => {
    const steps = ['analyze', 'design', 'secure', 'optimize', 'deploy'].map((step) => toolUse('WorkflowStep', { step, status: 'skipped', summary: `nothing to do for ${step}` }));
    const whose = (r: LoggedRequest) => (/task of (alice|bob)/.exec(JSON.stringify(r.body.messages))?.[1] ?? '?');
    model = await startScriptedServer([], {
      whenDone: async (r) => {
        asked.push(whose(r));
        await gate;
        return toolTurn([...steps, toolUse('Handoff', { to: 'terminal', summary: 'checked' })]);
      },
    });
    Object.assign(ps.env, { PATH: process.env.PATH, HOME: process.env.HOME, DOCKER_EXPERT_SHELLCHECK: 'off', ANTHROPIC_API_KEY: 'sk-test', ANTHROPIC_BASE_URL: model.url });
    url = await db.freshDatabase();
    for (const name of ['alice', 'bob']) keys[name] = (await execa(process.execPath, [BIN, 'keys', 'create', name, '--database', url], { env: ps.env, extendEnv: false })).stdout.trim();
    const serve = ps.spawn(['serve', '--port', '0', '--workers', '0', '--database', url, '--data', ps.tmp('api'), '--max-running-per-key', '1']);
    api = (await serve.waitFor(/"event":"listening","url":"([^"]+)"/))[1]!;
    workers = [0, 1].map((i) => ps.spawn(['worker', '--database', url, '--concurrency', '2', '--no-verify', '--data', ps.tmp(`w${i}`)]));
    await Promise.all(workers.map((w) => w.waitFor(/"event":"worker_ready"/)));
  }, 120_000);

  afterAll(async () => {
    letGo();
    await ps.stopAll();
    await model?.close();
    await db.dropAll();
  });

  const send = (client: Client, text: string) =>
    client.sendMessage({
      tenant: '',
      message: userMessage(text, [archivePart(archive)]),
      configuration: { acceptedOutputModes: [], taskPushNotificationConfig: undefined, historyLength: undefined, returnImmediately: true },
      metadata: undefined,
    }) as Promise<Task>;
  let archive: Buffer;

  test('one of a key’s tasks runs at a time over all workers; the others wait and another key’s runs beside it; all complete once', async () => {
    archive = await tarGzOf(NODE_APP);
    const alice = await sdkClient(api, keys.alice!, 'JSONRPC');
    const bob = await sdkClient(api, keys.bob!, 'JSONRPC');
    const sent: Task[] = [];
    for (let i = 1; i <= 3; i++) sent.push(await send(alice, `Check this app (task of alice ${i})`));
    sent.push(await send(bob, 'Check this app (task of bob)'));

    // Alice's two others were fetched by free slots and put back (each at least once), and Bob's reached the model.
    const deferred = (line: string) => (/"event":"task_deferred"/.test(line) ? /"task_id":"([^"]+)"/.exec(line)?.[1] : undefined);
    const allDeferred = () => new Set(workers.flatMap((w) => w.log.map(deferred).filter((id) => id !== undefined)));
    await expect.poll(() => asked.includes('alice') && asked.includes('bob') && allDeferred().size >= 2, { timeout: 60_000, interval: 100 }).toBe(true);
    expect([...allDeferred()].every((id) => sent.slice(0, 3).some((t) => t.id === id))).toBe(true);
    expect(asked.filter((k) => k === 'alice')).toHaveLength(1);
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      const held = await c.query<{ owner: string; n: number }>('SELECT k.name AS owner, count(*)::int AS n FROM dx_tasks t JOIN dx_api_keys k ON k.id = t.owner WHERE t.worker_id IS NOT NULL AND NOT t.finished GROUP BY k.name ORDER BY k.name');
      expect(held.rows).toEqual([
        { owner: 'alice', n: 1 },
        { owner: 'bob', n: 1 },
      ]);

      letGo();
      for (const t of sent) {
        const client = t.id === sent[3]!.id ? bob : alice;
        await expect.poll(async () => (await client.getTask({ tenant: '', id: t.id, historyLength: 0 })).status?.state, { timeout: 60_000, interval: 200 }).toBe(TaskState.TASK_STATE_COMPLETED);
      }
      const rows = await c.query<{ attempts: number; finished: boolean }>('SELECT attempts, finished FROM dx_tasks ORDER BY task_id');
      expect(rows.rows).toEqual(Array.from({ length: 4 }, () => ({ attempts: 1, finished: true })));
      expect(asked.filter((k) => k === 'alice')).toHaveLength(3);
    } finally {
      await c.end();
    }
  }, 150_000);
});
