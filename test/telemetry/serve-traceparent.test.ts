/**
 * `serve` continues its caller's trace: a task sent with a W3C `traceparent` header runs under it (the run's
 * invoke_agent span has the caller's trace id and span as parent); one sent without starts a trace of its own.
 * The real service in this process, the A2A SDK's own client, the offline expert, an OTLP receiver on loopback.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Part, Task } from '@a2a-js/sdk';
import { ClientFactory, ClientFactoryOptions, JsonRpcTransportFactory } from '@a2a-js/sdk/client';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { shutdownTelemetry } from '../../agent/telemetry/index.js';
import { startOtlpReceiver, type OtlpReceiver } from '../support/otlp-receiver.js';
import { NODE_APP, startTestServer, userMessage, type TestServer } from '../service/helpers.js';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT_SPAN = '00f067aa0ba902b7';
let receiver: OtlpReceiver;
let server: TestServer;
let root: string;
let closed = false;

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  // The exporters read the process's variables; the service's env decides that telemetry is on.
  process.env.OTEL_EXPORTER_OTLP_ENDPOINT = receiver.url;
  root = mkdtempSync(path.join(tmpdir(), 'de-serve-trace-'));
  cpSync(NODE_APP, path.join(root, 'node-app'), { recursive: true });
  server = await startTestServer(['alice'], {
    workspaceRoot: root,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DOCKER_EXPERT_SHELLCHECK: 'off', OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url },
  });
});
afterAll(async () => {
  if (!closed) await server?.cleanup();
  await receiver?.close();
  rmSync(root, { recursive: true, force: true });
  delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
});

async function client(headers: Record<string, string>) {
  const fetchImpl: typeof fetch = (input, init) => {
    const h = new Headers(init?.headers);
    h.set('authorization', `Bearer ${server.keys.alice}`);
    for (const [k, v] of Object.entries(headers)) h.set(k, v);
    return fetch(input, { ...init, headers: h });
  };
  const factory = new ClientFactory(ClientFactoryOptions.createFrom(ClientFactoryOptions.default, { transports: [new JsonRpcTransportFactory({ fetchImpl })], preferredTransports: ['JSONRPC'] }));
  return factory.createFromUrl(server.handle.url);
}

const workspace: Part = { content: { $case: 'data', value: { workspace: { path: 'node-app' } } }, metadata: undefined, filename: '', mediaType: 'application/json' };
const send = () => ({ tenant: '', message: userMessage('Containerize this Node.js app', [workspace]), configuration: undefined, metadata: undefined });

test('a task continues the traceparent it was sent with; one without starts its own trace', async () => {
  const traced = (await (await client({ traceparent: `00-${TRACE_ID}-${PARENT_SPAN}-01`, tracestate: 'vendor=abc' })).sendMessage(send())) as Task;
  const plain = (await (await client({})).sendMessage(send())) as Task;
  expect(traced.status?.state, JSON.stringify(traced.status)).toBe(3); // COMPLETED
  expect(plain.status?.state).toBe(3);
  // The runs' spans leave from their task threads when the service closes (and from this thread's SDK, if any).
  await server.cleanup();
  closed = true;
  await shutdownTelemetry(5_000);
  const runs = receiver.spans.filter((s) => s.name === 'invoke_agent docker-expert');
  expect(runs).toHaveLength(2);
  const [withParent] = runs.filter((s) => s.traceId === TRACE_ID);
  expect(withParent.parentSpanId).toBe(PARENT_SPAN);
  expect(withParent.attributes['gen_ai.conversation.id']).toBe(traced.id);
  const [own] = runs.filter((s) => s.traceId !== TRACE_ID);
  expect(own.parentSpanId).toBe('');
  // Every span of the traced run is in the caller's trace.
  const inTrace = receiver.spans.filter((s) => s.traceId === TRACE_ID);
  expect(inTrace.some((s) => s.name.startsWith('chat '))).toBe(true);
  expect(inTrace.some((s) => s.name.startsWith('execute_tool '))).toBe(true);
}, 120_000);
