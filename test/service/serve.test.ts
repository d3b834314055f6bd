/**
 * `docker-expert serve` driven by the A2A SDK's own clients (JSON-RPC and REST) against a real server on 127.0.0.1.
 * The offline expert runs (no model key) with the verify loop off, so no container engine is needed.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { TaskState, type Part, type Task } from '@a2a-js/sdk';
import type { StreamResponse } from '@a2a-js/sdk';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { NODE_APP, archivePart, expectCompletedTaskStream, hostileTarGz, sdkClient, startTestServer, tarGzOf, userMessage, type TestServer } from './helpers.js';

const MAX_REQUEST_BYTES = 2 * 1024 * 1024;
let server: TestServer;
let archive: Buffer;

beforeAll(async () => {
  server = await startTestServer(['alice', 'bob'], { maxRequestBytes: MAX_REQUEST_BYTES });
  archive = await tarGzOf(NODE_APP);
});
afterAll(async () => server?.cleanup());

const send = (text: string, parts: Part[]) => ({ tenant: '', message: userMessage(text, parts), configuration: undefined, metadata: undefined });
const textOf = (task: Task) => task.status?.message?.parts.map((p) => (p.content?.$case === 'text' ? p.content.value : '')).join('\n') ?? '';

function asTask(result: unknown): Task {
  const r = result as { id?: string; status?: unknown };
  expect(r.id, 'a task comes back').toBeTruthy();
  return r as Task;
}

describe('agent card', () => {
  test('is public and built from the definition: five skills with examples, streaming, the bearer scheme', async () => {
    // Without A2A-Version the SDK's v0.3 layer answers with the v0.3 card (v0.3 clients send no header).
    const legacy = await (await fetch(`${server.handle.url}/.well-known/agent-card.json`)).json();
    expect(legacy.protocolVersion).toBe('0.3');
    expect(legacy.capabilities.pushNotifications).toBe(true);
    const res = await fetch(`${server.handle.url}/.well-known/agent-card.json`, { headers: { 'A2A-Version': '1.0' } });
    expect(res.status).toBe(200);
    const card = await res.json();
    expect(card.name).toBe('docker-expert');
    expect(card.skills.map((s: { id: string }) => s.id)).toEqual(['containerize', 'review', 'fix', 'compose', 'kubernetes']);
    for (const s of card.skills) expect(s.examples.length).toBeGreaterThan(0);
    expect(card.capabilities.streaming).toBe(true);
    expect(JSON.stringify(card.securitySchemes)).toContain('bearer');
    expect(card.supportedInterfaces.map((i: { protocolBinding: string; protocolVersion: string }) => `${i.protocolBinding} ${i.protocolVersion}`)).toEqual(['JSONRPC 1.0', 'HTTP+JSON 1.0', 'JSONRPC 0.3', 'HTTP+JSON 0.3']);
  });
});

describe('a containerize task on a .tar.gz workspace', () => {
  let taskId: string;

  test('JSON-RPC: completes with the Dockerfile, a unified diff and the handoff among its artifacts', async () => {
    const client = await sdkClient(server.handle.url, server.keys.alice!, 'JSONRPC');
    const task = asTask(await client.sendMessage(send('Containerize this Node.js app', [archivePart(archive)])));
    expect(task.status?.state, textOf(task)).toBe(TaskState.TASK_STATE_COMPLETED);
    taskId = task.id;
    const byName = new Map(task.artifacts.map((a) => [a.name, a]));
    const dockerfile = byName.get('Dockerfile')?.parts[0];
    expect(dockerfile?.filename).toBe('Dockerfile');
    expect(dockerfile?.content?.$case).toBe('raw');
    expect(Buffer.from(dockerfile?.content?.value as Buffer).toString('utf8')).toMatch(/^FROM /m);
    const diff = byName.get('changes.diff')?.parts[0];
    expect(diff?.mediaType).toBe('text/x-diff');
    expect(diff?.content?.value).toContain('+++ b/Dockerfile');
    const handoff = byName.get('handoff')?.parts[0];
    expect(handoff?.content?.$case).toBe('data');
    expect(handoff?.content?.value).toMatchObject({ to: expect.any(String), summary: expect.any(String) });
  }, 120_000);

  test('REST: the same key gets the task back', async () => {
    const client = await sdkClient(server.handle.url, server.keys.alice!, 'HTTP+JSON');
    const task = await client.getTask({ tenant: '', id: taskId });
    expect(task.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
  });

  test('another key cannot get or cancel it: task not found', async () => {
    for (const transport of ['JSONRPC', 'HTTP+JSON'] as const) {
      const bob = await sdkClient(server.handle.url, server.keys.bob!, transport);
      await expect(bob.getTask({ tenant: '', id: taskId })).rejects.toThrow(/not found/i);
      await expect(bob.cancelTask({ tenant: '', id: taskId, metadata: undefined })).rejects.toThrow(/not found/i);
    }
  });

  test('REST streaming: the events come in order, SUBMITTED, WORKING, the workflow steps, artifacts, COMPLETED', async () => {
    const client = await sdkClient(server.handle.url, server.keys.alice!, 'HTTP+JSON');
    const events: StreamResponse[] = [];
    for await (const e of client.sendMessageStream(send('Containerize this Node.js app', [archivePart(archive)]))) events.push(e);
    const { kinds, task: first } = expectCompletedTaskStream(events);
    // Artifacts arrive after the last WORKING update and before COMPLETED.
    const lastArtifact = kinds.lastIndexOf('artifactUpdate');
    expect(kinds.indexOf('artifactUpdate')).toBeGreaterThan(kinds.lastIndexOf('statusUpdate', lastArtifact));
    expect(lastArtifact).toBe(kinds.length - 2);
  }, 120_000);
});

describe('authentication and request checks', () => {
  test('401 without a key and with a wrong one, over both bindings', async () => {
    const url = server.handle.url;
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'GetTask', params: { id: 'x' } });
    const none = await fetch(`${url}/a2a/jsonrpc`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const wrong = await fetch(`${url}/a2a/rest/tasks/x`, { headers: { authorization: `Bearer dxk_000000000000_${'A'.repeat(43)}` } });
    expect(wrong.status).toBe(401);
    // A well-formed key whose secret is wrong (right id, other secret).
    const forged = server.keys.alice!.replace(/_[^_]+$/, `_${'B'.repeat(43)}`);
    expect((await fetch(`${url}/a2a/rest/tasks/x`, { headers: { authorization: `Bearer ${forged}` } })).status).toBe(401);
    for (const transport of ['JSONRPC', 'HTTP+JSON'] as const) {
      const anonymous = await sdkClient(url, undefined, transport);
      await expect(anonymous.getTask({ tenant: '', id: 'x' })).rejects.toThrow(/401|key/i);
    }
  });

  test('a Host that is not this server, or an Origin not allowed, is 403', async () => {
    const res = await fetch(`${server.handle.url}/a2a/rest/tasks/x`, { headers: { authorization: `Bearer ${server.keys.alice}`, origin: 'http://evil.example' } });
    expect(res.status).toBe(403);
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${server.handle.url}/.well-known/agent-card.json`, { headers: { host: 'evil.example' } }, (r) => {
        r.resume();
        resolve(r.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });

  test('a body over the cap is 413', async () => {
    const big = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'SendMessage', params: { pad: 'x'.repeat(MAX_REQUEST_BYTES + 10) } });
    for (const p of ['/a2a/jsonrpc', '/a2a/rest/message:send']) {
      const res = await fetch(`${server.handle.url}${p}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${server.keys.alice}` }, body: big });
      expect(res.status).toBe(413);
      expect(await res.text()).toMatch(/limit/);
    }
  });

  test('malformed JSON-RPC gets the JSON-RPC parse error, an unknown method -32601', async () => {
    const post = (body: string) => fetch(`${server.handle.url}/a2a/jsonrpc`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${server.keys.alice}`, 'a2a-version': '1.0' }, body });
    const bad = await (await post('{"jsonrpc": "2.0", "id": 1, "method": ')).json();
    expect(bad.error.code).toBe(-32700);
    const unknownRes = await post(JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'NoSuchMethod', params: {} }));
    // Answers are never cached pages: no ETag (express would hash every body for one).
    expect(unknownRes.headers.get('etag')).toBeNull();
    const unknown = await unknownRes.json();
    expect(unknown.error.code).toBe(-32601);
  });
});

describe('hostile archives are refused with a clear error and write nothing outside', () => {
  const cases: [string, Parameters<typeof hostileTarGz>[0], RegExp][] = [
    ['a ../ entry', [{ path: 'ok.txt', data: 'ok' }, { path: '../../../../escaped-dotdot.txt', data: 'x' }], /'\.\.' in the path/],
    ['an absolute path', [{ path: 'ok.txt', data: 'ok' }, { path: '/tmp/escaped-absolute.txt', data: 'x' }], /absolute paths are not allowed/],
    ['a symbolic link out', [{ path: 'ok.txt', data: 'ok' }, { path: 'out', type: 'SymbolicLink', linkpath: '../../../../..' }], /points out of the project/],
    ['a file through a symbolic link', [{ path: 'in', type: 'SymbolicLink', linkpath: '.' }, { path: 'in/x.txt', data: 'x' }], /is a symbolic link in the archive/],
    ['a device', [{ path: 'dev', type: 'CharacterDevice' }], /CharacterDevice entries are not allowed/],
  ];
  for (const [name, entries, reason] of cases) {
    test(name, async () => {
      const client = await sdkClient(server.handle.url, server.keys.alice!, 'JSONRPC');
      const task = asTask(await client.sendMessage(send('Containerize this', [archivePart(hostileTarGz(entries))])));
      expect(task.status?.state).toBe(TaskState.TASK_STATE_FAILED);
      expect(textOf(task)).toMatch(/refused, nothing was unpacked/);
      expect(textOf(task)).toMatch(reason);
      // The task's folder was removed; nothing landed beside it or above the data folder.
      expect(existsSync(path.join(server.dataDir, 'tasks', task.id))).toBe(false);
      expect(existsSync('/tmp/escaped-absolute.txt')).toBe(false);
      expect(readdirSync(path.dirname(server.dataDir)).filter((f) => f.startsWith('escaped-'))).toEqual([]);
    });
  }

  test('a message without a workspace, and a git workspace on a server that allows none, fail with what to send', async () => {
    const client = await sdkClient(server.handle.url, server.keys.alice!, 'HTTP+JSON');
    const none = asTask(await client.sendMessage(send('Containerize this', [])));
    expect(none.status?.state).toBe(TaskState.TASK_STATE_FAILED);
    expect(textOf(none)).toMatch(/no workspace/);
    const git = asTask(await client.sendMessage(send('Containerize this', [{ content: { $case: 'data', value: { workspace: { git: 'https://example.com/x.git' } } }, metadata: undefined, filename: '', mediaType: 'application/json' }])));
    expect(git.status?.state).toBe(TaskState.TASK_STATE_FAILED);
    expect(textOf(git)).toMatch(/git workspaces are refused: this server allows none \(start it with --allow-git PATTERN/);
  });
});
