/**
 * Background work a run holds for time it would spend idle (MCP servers with a cached tool list) starts once a sent
 * request has gone IDLE_WAIT_MS without its answer, never before the request is on the connection: started at the
 * client's load it ran ahead of the request (spawning servers, loading the MCP client: about 0.5 s before the first
 * request on Node 24), and started at the send, ahead of handling an answer that came at once.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createAnthropicProvider } from '../../agent/models/anthropic.js';
import { nodeHttpFetch } from '../../agent/models/node-http-fetch.js';
import type { AssistantMessage, ModelCallOptions, ModelProvider } from '../../agent/models/types.js';
import { IDLE_WAIT_MS, runAgent, type ToolSource } from '../../agent/run.js';
import { endTurn, startScriptedServer, type ScriptedServer } from '../support/scripted-server.js';
import { allowAll, definition } from './helpers.js';

let server: http.Server | undefined;
let scripted: ScriptedServer | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = undefined;
  await scripted?.close();
  scripted = undefined;
});

const answer = (text: string): AssistantMessage => ({
  id: 'msg_1',
  role: 'assistant',
  model: 'claude-sonnet-4-5',
  content: [{ type: 'text', text }],
  stop_reason: 'end_turn',
  usage: { input_tokens: 1, output_tokens: 1, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
});

/** A run with one tool source that records in `told` when it is told; the provider is the test's. */
async function runWith(provider: ModelProvider, told: string[] = []): Promise<{ told: string[] }> {
  const source: ToolSource = { tools: async () => [], requestStarted: () => told.push('requestStarted') };
  const handle = runAgent({ agent: definition(), task: 't', cwd: process.cwd(), gate: allowAll, env: {}, provider, tools: [], toolSources: [source], sessionDir: '/tmp/de-first-request-none' });
  const result = await handle.result;
  expect(result.subtype).toBe('success');
  return { told };
}

describe('the first model request and the work held for it', () => {
  it('is told once a sent request has waited IDLE_WAIT_MS, not when the client has loaded', async () => {
    const told: string[] = [];
    const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
    await runWith(
      {
        name: 'test',
        async createMessage(_request, call: ModelCallOptions) {
          call.onActivity?.(); // the client loaded: nothing is sent yet
          await wait(IDLE_WAIT_MS + 50);
          told.push('loaded, then as long again');
          call.onSent?.();
          told.push('sent');
          await wait(IDLE_WAIT_MS + 50);
          told.push('answered');
          return answer('done');
        },
      },
      told,
    );
    expect(told).toEqual(['loaded, then as long again', 'sent', 'requestStarted', 'answered']);
  });

  it('an answer that comes sooner never makes the run wait: nothing is told', async () => {
    const told: string[] = [];
    await runWith(
      {
        name: 'fast',
        async createMessage(_request, call: ModelCallOptions) {
          call.onSent?.();
          await new Promise((r) => setTimeout(r, 5));
          return answer('done');
        },
      },
      told,
    );
    await new Promise((r) => setTimeout(r, IDLE_WAIT_MS + 50));
    expect(told).toEqual([]);
  });

  it('a provider that sends nothing (the offline expert) never tells', async () => {
    const { told } = await runWith({ name: 'offline-like', createMessage: async () => new Promise((r) => setTimeout(() => r(answer('done')), IDLE_WAIT_MS + 50)) });
    expect(told).toEqual([]);
  });

  it('the Anthropic provider says when each request is sent', async () => {
    scripted = await startScriptedServer([endTurn('one'), endTurn('two')]);
    const provider = createAnthropicProvider({ apiKey: 'k', baseURL: scripted.url, maxRetries: 0 });
    const request = { model: 'claude-sonnet-4-5', max_tokens: 100, system: [], messages: [{ role: 'user' as const, content: 'hi' }], tools: [] };
    let sent = 0;
    const requestsAtSent: number[] = [];
    for (let i = 0; i < 2; i++) {
      await provider.createMessage(request, { signal: new AbortController().signal, onSent: () => (sent++, requestsAtSent.push(scripted!.messageRequests.length)) });
    }
    expect(sent).toBe(2);
    // Said before the server had the request: the request was on its way, not answered.
    expect(requestsAtSent).toEqual([0, 1]);
  });
});

describe('nodeHttpFetch onSent', () => {
  async function serve(handler: http.RequestListener): Promise<string> {
    server = http.createServer(handler);
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it('is called once, after the body is handed over and before the answer', async () => {
    const order: string[] = [];
    const url = await serve((req, res) => {
      req.resume();
      req.on('end', () => setTimeout(() => res.end('ok'), 50));
    });
    const pending = nodeHttpFetch(url, { method: 'POST', body: 'x'.repeat(100_000) }, { onSent: () => order.push('sent') });
    expect(order).toEqual([]);
    const res = await pending;
    order.push('answer');
    expect(await res.text()).toBe('ok');
    expect(order).toEqual(['sent', 'answer']);
  });

  it('is not called for a request that never reached a server', async () => {
    const url = await serve(() => {});
    await new Promise<void>((r) => server!.close(() => r()));
    server = undefined;
    let sent = 0;
    await expect(nodeHttpFetch(url, { method: 'POST', body: '{}' }, { onSent: () => sent++ })).rejects.toThrow(TypeError);
    expect(sent).toBe(0);
  });
});
