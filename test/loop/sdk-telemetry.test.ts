/**
 * The SDK's own OpenTelemetry spans (anthropic.ts, openTelemetryInert): skipped while nothing is registered with the
 * global OpenTelemetry API (they would be no-ops), made as before once a tracer provider is registered there.
 */
import { trace } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterEach, describe, expect, it } from 'vitest';
import { createAnthropicProvider, openTelemetryInert } from '../../agent/models/anthropic.js';
import { callModel } from '../../agent/models/resilient.js';
import type { ModelRequest } from '../../agent/models/types.js';
import { endTurn, startScriptedServer, type ScriptedServer } from '../support/scripted-server.js';

let server: ScriptedServer | undefined;
afterEach(async () => {
  trace.disable();
  await server?.close();
  server = undefined;
});

const request: ModelRequest = {
  model: 'claude-sonnet-5-5',
  max_tokens: 1024,
  system: [{ type: 'text', text: 'You are a test.' }],
  tools: [],
  messages: [{ role: 'user', content: 'hello' }],
};

describe("the SDK's OpenTelemetry spans", () => {
  it('are inert with nothing registered globally, and made once a tracer provider is registered', async () => {
    expect(openTelemetryInert()).toBe(true);
    const exporter = new InMemorySpanExporter();
    trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
    expect(openTelemetryInert()).toBe(false);
    server = await startScriptedServer([endTurn('traced')]);
    await callModel(createAnthropicProvider({ apiKey: 'k', baseURL: server.url }), request, { signal: new AbortController().signal });
    expect(exporter.getFinishedSpans().map((s) => s.name)).toContain('anthropic.messages.create');
    trace.disable();
    expect(openTelemetryInert()).toBe(true);
  });
});
