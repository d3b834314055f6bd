/**
 * Operations and limits of `serve`, driven with the SDK's own client and plain HTTP: /healthz and /readyz without a
 * key, /metrics only with one (and its figures move with a task), the per-key and server queue limits (429 on both
 * bindings, at the edge), and --retention at its edge. The model is the scripted Messages API, slow enough that tasks
 * wait in the queue.
 */
import { existsSync } from 'node:fs';
import { get } from 'node:http';
import path from 'node:path';
import { TaskState, type Task } from '@a2a-js/sdk';
import type { Client } from '@a2a-js/sdk/client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { TOO_MANY_TASKS_CODE } from '../../service/admission.js';
import { finishTurn } from '../sessions/helpers.js';
import { startScriptedServer, type ScriptedServer } from '../support/scripted-server.js';
import { NODE_APP, archivePart, sdkClient, startTestServer, tarGzOf, userMessage, type TestServer } from './helpers.js';

const RETENTION_MS = 3_600_000;
let model: ScriptedServer;
let server: TestServer;
let archive: Buffer;

beforeAll(async () => {
  // Each model response takes 1.5 s: with one worker, the next tasks wait SUBMITTED meanwhile.
  model = await startScriptedServer([], { whenDone: () => ({ ...finishTurn('Done.'), latencyMs: 1500 }) });
  server = await startTestServer(['alice', 'bob', 'carol'], {
    workers: 1,
    maxQueuedPerKey: 1,
    maxQueued: 2,
    retentionMs: RETENTION_MS,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ANTHROPIC_API_KEY: 'test-key', ANTHROPIC_BASE_URL: model.url, DOCKER_EXPERT_SHELLCHECK: 'off' },
  });
  archive = await tarGzOf(NODE_APP);
});
afterAll(async () => {
  await server?.cleanup();
  await model?.close();
});

const message = (returnImmediately: boolean) => ({
  tenant: '',
  message: userMessage('Containerize this Node.js app', [archivePart(archive)]),
  configuration: { acceptedOutputModes: [], taskPushNotificationConfig: undefined, returnImmediately },
  metadata: undefined,
});

async function settled(client: Client, id: string): Promise<Task> {
  for (let i = 0; i < 600; i++) {
    const task = await client.getTask({ tenant: '', id });
    if (![TaskState.TASK_STATE_SUBMITTED, TaskState.TASK_STATE_WORKING].includes(task.status!.state)) return task;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`task ${id} did not settle`);
}

const restSend = (key: string) =>
  fetch(`${server.handle.url}/a2a/rest/v1/message:send`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'a2a-version': '1.0' },
    body: JSON.stringify({ message: { messageId: crypto.randomUUID(), role: 'ROLE_USER', parts: [{ text: 'hello' }] }, configuration: { returnImmediately: true } }),
  });

describe('health and readiness', () => {
  test('/healthz and /readyz answer without a key; /metrics needs one', async () => {
    const health = await fetch(`${server.handle.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${server.handle.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', store: 'ok', accepting: true });
    expect((await fetch(`${server.handle.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${server.handle.url}/metrics`, { headers: { authorization: 'Bearer dxk_000000000000_wrong' } })).status).toBe(401);
    // The Host check applies to them too (DNS rebinding).
    // (fetch cannot set Host: node:http can.)
    const status = await new Promise<number>((resolve, reject) => {
      get(`${server.handle.url}/healthz`, { headers: { host: 'evil.example' } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      }).on('error', reject);
    });
    expect(status).toBe(403);
  });
});

describe('per-key and server limits', () => {
  let alice: Client;
  const ids: string[] = [];

  test('one running and one waiting per key; the next is 429 on JSON-RPC, for that key only; the server bound is 429 too', async () => {
    alice = await sdkClient(server.handle.url, server.keys.alice!, 'JSONRPC');
    const first = (await alice.sendMessage(message(true))) as Task;
    ids.push(first.id);
    const second = (await alice.sendMessage(message(true))) as Task;
    ids.push(second.id);
    expect((await alice.getTask({ tenant: '', id: second.id })).status?.state).toBe(TaskState.TASK_STATE_SUBMITTED);
    await expect(alice.sendMessage(message(true))).rejects.toThrow(/1 tasks waiting .*--max-queued-per-key/);

    // The raw answer: HTTP 429 with a JSON-RPC error; REST: 429 RESOURCE_EXHAUSTED.
    const raw = await fetch(`${server.handle.url}/a2a/jsonrpc`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.keys.alice}`, 'content-type': 'application/json', 'a2a-version': '1.0' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'SendMessage', params: { message: { messageId: 'm', role: 'ROLE_USER', parts: [{ text: 'x' }] } } }),
    });
    expect(raw.status).toBe(429);
    expect(await raw.json()).toMatchObject({ jsonrpc: '2.0', id: 7, error: { code: TOO_MANY_TASKS_CODE, message: expect.stringMatching(/--max-queued-per-key/) } });
    const rest = await restSend(server.keys.alice!);
    expect(rest.status).toBe(429);
    expect(await rest.json()).toMatchObject({ error: { code: 429, status: 'RESOURCE_EXHAUSTED' } });

    // Another key still gets its place (the server's queue holds 2: alice's and bob's)...
    const bob = await sdkClient(server.handle.url, server.keys.bob!, 'HTTP+JSON');
    const bobs = (await bob.sendMessage(message(true))) as Task;
    expect(bobs.status?.state).toBe(TaskState.TASK_STATE_SUBMITTED);
    // ...and a third key finds the server's queue full.
    const carol = await sdkClient(server.handle.url, server.keys.carol!, 'HTTP+JSON');
    await expect(carol.sendMessage(message(true))).rejects.toThrow(/queue is full .*--max-queued/);

    for (const id of ids) expect((await settled(alice, id)).status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
    expect((await settled(bob, bobs.id)).status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
    // Places come back: alice may queue again.
    const again = (await alice.sendMessage(message(false))) as Task;
    expect(again.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
    ids.push(again.id);
  }, 120_000);

  test('/metrics counts what ran: tasks by state, runs, turns, tool calls, tokens, the queue', async () => {
    const res = await fetch(`${server.handle.url}/metrics`, { headers: { authorization: `Bearer ${server.keys.alice}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    const value = (name: string) => Number(new RegExp(`^${name.replace(/[{}]/g, '\\$&')} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
    expect(value('docker_expert_tasks{state="completed"}')).toBe(4);
    expect(value('docker_expert_tasks{state="submitted"}')).toBe(0);
    expect(value('docker_expert_queue_depth')).toBe(0);
    expect(value('docker_expert_workers')).toBe(1);
    expect(value('docker_expert_run_duration_seconds_count{outcome="completed"}')).toBe(4);
    expect(value('docker_expert_turn_duration_seconds_count')).toBe(4);
    expect(value('docker_expert_turn_duration_seconds_sum')).toBeGreaterThanOrEqual(4 * 1.4);
    expect(value('docker_expert_tool_calls_total{tool="Handoff"}')).toBe(4);
    expect(value('docker_expert_tokens_total{kind="output"}')).toBeGreaterThan(0);
    expect(text).toMatch(/^# TYPE docker_expert_permission_denials_total counter$/m);
    expect(text).toMatch(/^docker_expert_cost_usd_total /m);
  });

  test('--retention: a task is kept at its age limit and removed, with its folder, a millisecond past it', async () => {
    const id = ids.at(-1)!;
    const task = await alice.getTask({ tenant: '', id });
    const changed = Date.parse(task.status!.timestamp!);
    const folder = path.join(server.dataDir, 'tasks', id);
    expect(existsSync(folder)).toBe(true);
    const atLimit = await server.handle.sweep(changed + RETENTION_MS);
    expect(atLimit).not.toContain(id);
    expect((await alice.getTask({ tenant: '', id })).id).toBe(id);
    const past = await server.handle.sweep(changed + RETENTION_MS + 1);
    expect(past).toContain(id);
    expect(existsSync(folder)).toBe(false);
    await expect(alice.getTask({ tenant: '', id })).rejects.toThrow(/not found/i);
  });
});
