import { trace } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAnthropicProvider, openTelemetryInert } from '../../agent/models/anthropic.js';
import { callModel, type RetryInfo } from '../../agent/models/resilient.js';
import { ModelError, type ModelRequest } from '../../agent/models/types.js';
import { endTurn, httpError, startScriptedServer, text, toolTurn, toolUse, type ScriptedServer } from '../support/scripted-server.js';

let server: ScriptedServer | undefined;
// Load the SDK and fetch once, so timing-sensitive tests measure the stream and not a cold start on a busy machine.
beforeAll(async () => {
  const warm = await startScriptedServer([endTurn('warm')]);
  await callModel(createAnthropicProvider({ apiKey: 'k', baseURL: warm.url }), request, { signal: new AbortController().signal });
  await warm.close();
});
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const request: ModelRequest = {
  model: 'claude-sonnet-5-5',
  max_tokens: 1024,
  system: [{ type: 'text', text: 'You are a test.' }],
  tools: [{ name: 'Read', description: 'read', input_schema: { type: 'object', properties: { file_path: { type: 'string' } } } }],
  messages: [{ role: 'user', content: 'hello' }],
};

function provider(url: string, maxRetries = 2) {
  return createAnthropicProvider({ apiKey: 'test-key', baseURL: url, maxRetries });
}

async function call(url: string, opts: { idleTimeoutMs?: number; streamRetries?: number; maxRetries?: number } = {}) {
  const retries: RetryInfo[] = [];
  const texts: string[] = [];
  const message = await callModel(provider(url, opts.maxRetries), request, {
    signal: new AbortController().signal,
    retryBaseMs: 1,
    idleTimeoutMs: opts.idleTimeoutMs,
    streamRetries: opts.streamRetries,
    onRetry: (r) => retries.push(r),
    onEvent: (e) => e.type === 'text_delta' && texts.push(e.text),
  });
  return { message, retries, texts };
}

describe('Anthropic provider over the real SDK', () => {
  it('streams text and tool_use blocks into our own message shape', async () => {
    server = await startScriptedServer([toolTurn([toolUse('Read', { file_path: '/a' }, 'toolu_01abc')], 'Looking.')]);
    const { message, texts } = await call(server.url);
    expect(message.stop_reason).toBe('tool_use');
    expect(message.content).toEqual([
      { type: 'text', text: 'Looking.' },
      { type: 'tool_use', id: 'toolu_01abc', name: 'Read', input: { file_path: '/a' } },
    ]);
    expect(texts.join('')).toBe('Looking.');
    const req = server.requests[0];
    expect(req.headers['x-api-key'] ?? req.headers.authorization).toMatch(/test-key/);
    expect(req.headers['x-docker-expert-call']).toBeUndefined();
    expect(req.body.stream).toBe(true);
  });

  it('lets the SDK retry a 529 with retry-after-ms and reports the retry', async () => {
    server = await startScriptedServer([httpError(529), endTurn('ok')]);
    const { message, retries } = await call(server.url);
    expect(message.content).toEqual([{ type: 'text', text: 'ok' }]);
    expect(retries).toMatchObject([{ kind: 'http', status: 529, delayMs: 1 }]);
    expect(server.requests.map((r) => r.headers['x-stainless-retry-count'])).toEqual(['0', '1']);
  });

  it('retries an error event inside a 200 stream as a whole new request', async () => {
    server = await startScriptedServer([{ ...endTurn('partial answer'), fault: { type: 'error_event', afterEvents: 3 } }, endTurn('full answer')]);
    const { message, retries } = await call(server.url);
    expect(message.content).toEqual([{ type: 'text', text: 'full answer' }]);
    expect(retries).toHaveLength(1);
    expect(retries[0]).toMatchObject({ attempt: 1, kind: 'stream_error' });
    expect(retries[0].message).toContain('overloaded_error');
  });

  it('retries a stream dropped mid-way', async () => {
    server = await startScriptedServer([{ ...endTurn('x'), fault: { type: 'drop', afterEvents: 2 } }, endTurn('after drop')]);
    const { message, retries } = await call(server.url);
    expect(message.content).toEqual([{ type: 'text', text: 'after drop' }]);
    expect(retries[0].kind).toBe('stream_error');
  });

  it('aborts a stalled stream after the idle timeout and retries it', async () => {
    server = await startScriptedServer([endTurn('warm-up'), { ...endTurn('x'), fault: { type: 'stall', afterEvents: 2 } }, endTurn('after stall')]);
    // A first call loads the SDK and fetch, so the timing below is the stream's alone.
    const p = provider(server.url);
    const retries: RetryInfo[] = [];
    // 1.5 s: well above any pause a loaded 2-core machine puts between two events of a healthy stream.
    const options = { signal: new AbortController().signal, retryBaseMs: 1, idleTimeoutMs: 1500, onRetry: (r: RetryInfo) => retries.push(r) };
    await callModel(p, request, options);
    const started = Date.now();
    const message = await callModel(p, request, options);
    expect(message.content).toEqual([{ type: 'text', text: 'after stall' }]);
    expect(retries).toMatchObject([{ kind: 'stalled', message: 'no data from the API for 1.5 s' }]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
  });

  it('does not call a slow but steady stream stalled (bytes reset the watchdog)', async () => {
    // About 36 frames 25 ms apart: the stream lasts about twice the idle timeout, no gap comes near it.
    server = await startScriptedServer([{ content: [text('a'.repeat(1200))], stop_reason: 'end_turn', eventDelayMs: 25 }]);
    const started = Date.now();
    const { retries } = await call(server.url, { idleTimeoutMs: 400 });
    expect(retries).toEqual([]);
    expect(Date.now() - started).toBeGreaterThan(400);
  });

  it('gives up after the configured number of stream retries (edge: N retries allowed, N+1 failures fail)', async () => {
    const broken = { ...endTurn('x'), fault: { type: 'error_event' as const, afterEvents: 1 } };
    server = await startScriptedServer([broken, broken, endTurn('third time')]);
    const ok = await call(server.url, { streamRetries: 2 });
    expect(ok.message.content).toEqual([{ type: 'text', text: 'third time' }]);
    await server.close();
    server = await startScriptedServer([broken, broken, endTurn('never reached')]);
    await expect(call(server.url, { streamRetries: 1 })).rejects.toMatchObject({ kind: 'stream_error' });
    expect(server.remaining).toBe(1);
  });

  it('ends with a clear error on 401, 400 and connection refused', async () => {
    server = await startScriptedServer([endTurn('x')], { apiKey: 'other-key' });
    const e401 = await call(server.url).catch((e) => e);
    expect(e401).toBeInstanceOf(ModelError);
    expect(e401.kind).toBe('auth');
    expect(e401.message).toContain('invalid x-api-key');
    expect(server.requests).toHaveLength(1);
    await server.close();

    server = await startScriptedServer([httpError(400, { message: 'max_tokens: too large' })]);
    const e400 = await call(server.url).catch((e) => e);
    expect(e400.kind).toBe('bad_request');
    expect(e400.message).toContain('max_tokens: too large');
    const url = server.url;
    await server.close();
    server = undefined;

    const refused = await call(url, { maxRetries: 0 }).catch((e) => e);
    expect(refused.kind).toBe('connection');
    expect(refused.message).toContain(url);
    expect(refused.message).toContain('ECONNREFUSED');
  });
});

// anthropic.ts, openTelemetryInert: the SDK's own spans are skipped while nothing is registered with the global
// OpenTelemetry API (they would be no-ops), and made as before once a tracer provider is registered there.
describe("the SDK's OpenTelemetry spans", () => {
  it('are inert with nothing registered globally, and made once a tracer provider is registered', async () => {
    expect(openTelemetryInert()).toBe(true);
    const exporter = new InMemorySpanExporter();
    trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
    try {
      expect(openTelemetryInert()).toBe(false);
      server = await startScriptedServer([endTurn('traced')]);
      await callModel(provider(server.url), request, { signal: new AbortController().signal });
      expect(exporter.getFinishedSpans().map((s) => s.name)).toContain('anthropic.messages.create');
    } finally {
      trace.disable();
    }
    expect(openTelemetryInert()).toBe(true);
  });
});
