/**
 * Push notifications with the SDK's own client: a loopback receiver allowed by --allow-push-host (and http by
 * --allow-insecure-push) gets every event of the task in order with the task's token, and a delivery that fails is
 * retried with backoff; without the flags a push URL at a loopback, private or link-local address (literal, IPv4 in
 * IPv6, or a name that resolves there) or over http is refused with a clear error and nothing is saved.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { TaskState, type Part, type StreamResponse, type Task, type TaskPushNotificationConfig } from '@a2a-js/sdk';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { checkPushTarget, isInternalAddress } from '../../service/push.js';
import { NODE_APP, archivePart, sdkClient, startTestServer, tarGzOf, userMessage, type TestServer } from './helpers.js';

interface Received {
  token: string | undefined;
  body: { task?: Task; statusUpdate?: { status?: { state?: string } }; artifactUpdate?: unknown };
}

let receiver: http.Server;
let receiverUrl: string;
const received: Received[] = [];
let failNext = 0;
let attempts = 0;
let open: TestServer;
let strict: TestServer;
let archive: Buffer;

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      attempts++;
      if (failNext > 0) {
        failNext--;
        res.writeHead(503).end();
        return;
      }
      received.push({ token: req.headers['x-a2a-notification-token'] as string | undefined, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  archive = await tarGzOf(NODE_APP);
  open = await startTestServer(['alice'], { push: { allowInsecure: true, allowHosts: ['127.0.0.1'], retries: 2, backoffMs: 50 } });
  strict = await startTestServer(['alice']);
});
afterAll(async () => {
  await open?.cleanup();
  await strict?.cleanup();
  await new Promise((r) => receiver.close(r));
});

const pushConfig = (url: string, token = 'task-token-1'): TaskPushNotificationConfig => ({ tenant: '', id: '', taskId: '', url, token, authentication: undefined });
const send = (parts: Part[], push?: TaskPushNotificationConfig) => ({
  tenant: '',
  message: userMessage('Containerize this Node.js app', parts),
  configuration: { acceptedOutputModes: [], taskPushNotificationConfig: push, returnImmediately: false },
  metadata: undefined,
});
const stateOf = (r: Received) => r.body.statusUpdate?.status?.state ?? r.body.task?.status?.state;

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
  expect(check(), what).toBe(true);
}

describe('push notifications', () => {
  test('the card says pushNotifications', async () => {
    const card = await (await fetch(`${open.handle.url}/.well-known/agent-card.json`)).json();
    expect(card.capabilities.pushNotifications).toBe(true);
  });

  test('a loopback receiver allowed by the flags gets the task\'s events in order, each with the token; failures are retried', async () => {
    received.length = 0;
    attempts = 0;
    failNext = 2; // the first delivery fails twice, then gets through on the last retry
    const client = await sdkClient(open.handle.url, open.keys.alice!, 'JSONRPC');
    const task = (await client.sendMessage(send([archivePart(archive)], pushConfig(receiverUrl)))) as Task;
    expect(task.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
    await until(() => received.some((r) => stateOf(r) === 'TASK_STATE_COMPLETED'), 'the COMPLETED event is pushed');
    expect(received.every((r) => r.token === 'task-token-1')).toBe(true);
    const states = received.map(stateOf).filter(Boolean);
    expect(states[0]).toBe('TASK_STATE_SUBMITTED');
    expect(states.at(-1)).toBe('TASK_STATE_COMPLETED');
    expect(received.some((r) => r.body.artifactUpdate)).toBe(true);
    expect(attempts).toBe(received.length + 2);
  }, 60_000);

  test('retries are bounded: a receiver that keeps failing gets 1 + --push-retries attempts per event', async () => {
    received.length = 0;
    attempts = 0;
    failNext = 1000;
    const client = await sdkClient(open.handle.url, open.keys.alice!, 'HTTP+JSON');
    const stream: StreamResponse[] = [];
    const cfg = pushConfig(receiverUrl, 'other-token');
    for await (const e of client.sendMessageStream(send([archivePart(archive)], cfg))) stream.push(e);
    const events = stream.length;
    await until(() => attempts >= events * 3, 'every event tried three times');
    await new Promise((r) => setTimeout(r, 500));
    expect(attempts).toBe(events * 3);
    expect(received).toHaveLength(0);
    failNext = 0;
  }, 60_000);

  test('refused without the flags, with a clear error, and nothing saved: http, loopback, private, link-local, a name that resolves to loopback', async () => {
    const client = await sdkClient(strict.handle.url, strict.keys.alice!, 'JSONRPC');
    const cases: [string, RegExp][] = [
      [receiverUrl, /only https is allowed \(start the server with --allow-insecure-push/],
      ['https://127.0.0.1:9/hook', /loopback, private or link-local address: refused \(name it with --allow-push-host 127\.0\.0\.1/],
      ['https://localhost:9/hook', /--allow-push-host localhost/],
      ['https://10.1.2.3/hook', /refused/],
      ['https://169.254.169.254/latest/meta-data', /refused/],
      ['https://[::1]/hook', /refused/],
      ['https://[::ffff:127.0.0.1]/hook', /refused/],
      ['https://user:pw@example.com/hook', /no user or password/],
      ['not a url', /is not a URL/],
    ];
    for (const [url, reason] of cases) {
      await expect(client.sendMessage(send([archivePart(archive)], pushConfig(url))), url).rejects.toThrow(reason);
    }
    // On an existing task: CreateTaskPushNotificationConfig is refused and the task keeps no config.
    const task = (await client.sendMessage(send([archivePart(archive)]))) as Task;
    await expect(client.createTaskPushNotificationConfig({ ...pushConfig('https://127.0.0.1/x'), taskId: task.id })).rejects.toThrow(/refused/);
    const configs = await client.listTaskPushNotificationConfig({ tenant: '', taskId: task.id, pageSize: 0, pageToken: '' });
    expect(configs.configs).toHaveLength(0);
  }, 60_000);

  test('every resolved address is checked; embedded IPv4 is checked as IPv4', async () => {
    for (const a of ['127.0.0.1', '10.0.0.1', '172.16.5.4', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fe80::1', 'fd00::1', '::ffff:10.0.0.1', '::ffff:7f00:1', '64:ff9b::127.0.0.1', '224.0.0.1']) {
      expect(isInternalAddress(a), a).toBe(true);
    }
    for (const a of ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946', '::ffff:93.184.216.34']) expect(isInternalAddress(a), a).toBe(false);
    const policy = { allowInsecure: false, allowHosts: [], retries: 0, backoffMs: 1, timeoutMs: 1000 };
    await expect(checkPushTarget('https://localhost/x', policy)).rejects.toThrow(/resolves to .*127\.0\.0\.1|resolves to .*::1/);
    await expect(checkPushTarget('https://localhost/x', { ...policy, allowHosts: ['localhost'] })).resolves.toMatchObject({ addresses: expect.any(Array) });
  });
});
