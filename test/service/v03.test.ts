/**
 * The SDK's v0.3 compatibility layer is on: the SDK's own v0.3 JSON-RPC transport (`message/send`, `tasks/get` on
 * the wire, v0.3 shapes) runs a containerize task to COMPLETED with the Dockerfile, and still needs the key.
 */
import { TaskState, type Task } from '@a2a-js/sdk';
import { LegacyJsonRpcTransport } from '@a2a-js/sdk/compat/v0_3/client';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { JSONRPC_PATH } from '../../service/card.js';
import { NODE_APP, archivePart, fetchWithKey, startTestServer, tarGzOf, userMessage, type TestServer } from './helpers.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(['alice']);
});
afterAll(async () => server?.cleanup());

test('a v0.3 client (the SDK\'s LegacyJsonRpcTransport) sends message/send and tasks/get; the task completes with the Dockerfile', async () => {
  const methods: string[] = [];
  const withKey = fetchWithKey(server.keys.alice!);
  const fetchImpl: typeof fetch = (input, init) => {
    methods.push(JSON.parse(String(init?.body)).method);
    return withKey(input, init);
  };
  const transport = new LegacyJsonRpcTransport({ endpoint: `${server.handle.url}${JSONRPC_PATH}`, fetchImpl });
  const result = (await transport.sendMessage({ tenant: '', message: userMessage('Containerize this Node.js app', [archivePart(await tarGzOf(NODE_APP))]), configuration: undefined, metadata: undefined })) as Task;
  expect(result.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
  expect(result.artifacts.map((a) => a.name)).toContain('Dockerfile');
  const again = await transport.getTask({ tenant: '', id: result.id, historyLength: undefined });
  expect(again.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
  expect(methods).toEqual(['message/send', 'tasks/get']);

  const anonymous = new LegacyJsonRpcTransport({ endpoint: `${server.handle.url}${JSONRPC_PATH}` });
  await expect(anonymous.getTask({ tenant: '', id: result.id, historyLength: undefined })).rejects.toThrow(/401|key/i);
}, 60_000);
