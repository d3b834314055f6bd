/**
 * OpenTelemetry end to end: the CLI bundle, the scripted Messages API, and an OTLP/HTTP receiver on loopback decoding
 * what the real exporters send (protobuf by default, JSON on request). One run with a 529 and its retry, Read, Bash,
 * and a Task sub-agent gives one trace: invoke_agent, chat and execute_tool spans with their GenAI attributes, the
 * sub-agent's invoke_agent under its Task span, the retry as an event; and the metrics. Without the variables nothing
 * of OpenTelemetry is loaded (nor a chunk of agent/telemetry's own); a dead collector does not hold the run past the
 * flush bound.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '../support/otlp-receiver.js';
import { writeReaderAgents } from '../support/reader-agents.js';
import { endTurn, httpError, startScriptedServer, toolTurn, toolUse, type ScriptedServer } from '../support/scripted-server.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin/docker-expert.js');
const RECORD_LOADS = pathToFileURL(path.join(ROOT, 'test/support/record-loads.mjs')).href;
const MODEL = 'claude-sonnet-5-5';

let server: ScriptedServer | undefined;
let receiver: OtlpReceiver | undefined;
afterEach(async () => {
  await server?.close();
  await receiver?.close();
  server = receiver = undefined;
});

function project(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'de-otel-'));
  writeReaderAgents(dir);
  writeFileSync(path.join(dir, 'Dockerfile'), 'FROM node:20-slim\nUSER node\n');
  writeFileSync(path.join(dir, 'app.env'), 'LOG_LEVEL=info\nDB_PASSWORD=otel-test-secret-4711\n');
  return dir;
}

/** 529 then turn 1 (Read, Bash, Task); the sub-agent's two turns; the parent's last turn. */
function script(dir: string, extraTurn1: ReturnType<typeof toolUse>[] = []) {
  return [
    httpError(529),
    toolTurn([
      toolUse('Read', { file_path: path.join(dir, 'Dockerfile') }),
      toolUse('Bash', { command: 'cat app.env', description: 'show the env file' }),
      toolUse('Task', { description: 'check the Dockerfile', prompt: `Read ${path.join(dir, 'Dockerfile')} and report.`, subagent_type: 'helper' }),
      ...extraTurn1,
    ]),
    toolTurn([toolUse('Read', { file_path: path.join(dir, 'Dockerfile') })]),
    endTurn('The Dockerfile runs as node.'),
    endTurn('All checked.'),
  ];
}

function run(dir: string, env: Record<string, string>, args: string[] = []) {
  return execa(process.execPath, [BIN, 'run', '--strict-mcp-config', '--no-verify', '--agent', 'reader', '--output-format', 'json', '--cwd', dir, ...args, 'Check the project'], {
    env: { ANTHROPIC_API_KEY: 'sk-test', ANTHROPIC_BASE_URL: server!.url, OTEL_EXPORTER_OTLP_ENDPOINT: undefined, OTEL_SDK_DISABLED: undefined, ...env },
    extendEnv: true,
    reject: false,
    stdin: 'ignore',
    timeout: 60_000,
  });
}

const byName = (spans: ReceivedSpan[], name: string) => spans.filter((s) => s.name === name);

function checkTrace(spans: ReceivedSpan[]) {
  expect(new Set(spans.map((s) => s.traceId)).size).toBe(1);
  const roots = spans.filter((s) => s.parentSpanId === '');
  expect(roots.map((s) => s.name)).toEqual(['invoke_agent reader']);
  const root = roots[0];
  expect(root.attributes).toMatchObject({
    'gen_ai.operation.name': 'invoke_agent',
    'gen_ai.agent.name': 'reader',
    'gen_ai.request.model': MODEL,
    'gen_ai.provider.name': 'anthropic',
    'docker_expert.result.subtype': 'success',
    'docker_expert.turns': 2,
  });
  expect(root.attributes['gen_ai.conversation.id']).toMatch(/^[0-9a-f-]{36}$/);
  expect(root.resource).toMatchObject({ 'service.name': 'de-otel-test', 'deployment.environment': 'ci' });

  const [task] = byName(spans, 'execute_tool Task');
  const [child] = byName(spans, 'invoke_agent helper');
  expect(child.parentSpanId).toBe(task.spanId);
  expect(task.parentSpanId).toBe(root.spanId);
  // Within the Task call (2 ms for the SDK's per-trace clock anchoring under load).
  const slack = 2_000_000n;
  expect([child.start >= task.start - slack, child.end <= task.end + slack], `${task.start} ${child.start} ${child.end} ${task.end}`).toEqual([true, true]);

  const chats = byName(spans, `chat ${MODEL}`);
  expect(chats).toHaveLength(4);
  const parentChats = chats.filter((c) => c.parentSpanId === root.spanId).sort((a, b) => Number(a.start - b.start));
  expect(parentChats).toHaveLength(2);
  expect(chats.filter((c) => c.parentSpanId === child.spanId)).toHaveLength(2);
  expect(parentChats[0].events.filter((e) => e.name === 'retry')).toEqual([
    { name: 'retry', attributes: expect.objectContaining({ 'docker_expert.retry.attempt': 1, 'http.response.status_code': 529 }) },
  ]);
  expect(parentChats[0].attributes).toMatchObject({
    'gen_ai.operation.name': 'chat',
    'gen_ai.provider.name': 'anthropic',
    'gen_ai.request.model': MODEL,
    'gen_ai.response.model': MODEL,
    'gen_ai.response.finish_reasons': ['tool_use'],
    'docker_expert.turn': 1,
  });
  expect(parentChats[1].attributes['gen_ai.response.finish_reasons']).toEqual(['end_turn']);
  for (const c of chats) {
    expect(c.attributes['gen_ai.usage.input_tokens']).toBeGreaterThan(0);
    expect(c.attributes['gen_ai.usage.output_tokens']).toBeGreaterThan(0);
    expect(typeof c.attributes['gen_ai.usage.cache_read.input_tokens']).toBe('number');
    expect(c.attributes['gen_ai.response.id']).toMatch(/^msg_/);
    expect(c.kind).toBe(3); // CLIENT
  }

  const reads = byName(spans, 'execute_tool Read');
  expect(reads.map((r) => r.parentSpanId).sort()).toEqual([root.spanId, child.spanId].sort());
  const [bash] = byName(spans, 'execute_tool Bash');
  expect(bash.attributes).toMatchObject({
    'gen_ai.operation.name': 'execute_tool',
    'gen_ai.tool.name': 'Bash',
    'gen_ai.tool.type': 'function',
    'docker_expert.permission.decision': 'allow',
    'docker_expert.permission.rule': 'Bash(cat:*)',
    'process.exit.code': 0,
    'docker_expert.tool.redacted': 1,
  });
  expect(bash.attributes['gen_ai.tool.call.id']).toMatch(/^toolu_/);
  // Tool spans sit between the turn that asked for them and the next turn.
  expect(bash.start >= parentChats[0].end && bash.end <= parentChats[1].start).toBe(true);
  return { root, chats, bash };
}

describe('OpenTelemetry export', () => {
  it('one trace per run over OTLP/HTTP protobuf (the default), with GenAI spans and attributes, and the metrics', async () => {
    const dir = project();
    server = await startScriptedServer(script(dir));
    receiver = await startOtlpReceiver();
    const res = await run(dir, {
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_SERVICE_NAME: 'de-otel-test',
      OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment=ci,service.name=overridden',
      OTEL_EXPORTER_OTLP_HEADERS: 'x-collector-key=k-123',
    });
    expect(res.exitCode, res.stderr).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ subtype: 'success', result: 'All checked.' });
    expect(new Set(receiver.contentTypes)).toEqual(new Set(['application/x-protobuf']));
    expect(receiver.headers.every((h) => h['x-collector-key'] === 'k-123')).toBe(true);
    const { bash } = checkTrace(receiver.spans);
    // No prompt or completion content without OTEL_GENAI_CAPTURE_CONTENT.
    for (const s of receiver.spans) {
      expect(s.attributes['gen_ai.input.messages']).toBeUndefined();
      expect(s.attributes['gen_ai.output.messages']).toBeUndefined();
    }
    expect(bash.attributes['gen_ai.tool.call.arguments']).toBeUndefined();

    const names = new Set(receiver.points.map((p) => p.metric));
    for (const m of ['gen_ai.client.token.usage', 'gen_ai.client.operation.duration', 'docker_expert.tokens', 'docker_expert.cost', 'docker_expert.run.duration', 'docker_expert.tool.duration', 'docker_expert.redactions']) {
      expect(names, m).toContain(m);
    }
    const tokens = receiver.points.filter((p) => p.metric === 'docker_expert.tokens' && p.attributes['gen_ai.token.type'] === 'output');
    expect(tokens).toHaveLength(1);
    expect(tokens[0].attributes['gen_ai.request.model']).toBe(MODEL);
    const result = JSON.parse(res.stdout);
    expect(tokens[0].value).toBe(result.usage.output_tokens);
    const cost = receiver.points.find((p) => p.metric === 'docker_expert.cost')!;
    expect(cost.value).toBeCloseTo(result.total_cost_usd, 10);
    const runs = receiver.points.filter((p) => p.metric === 'docker_expert.run.duration');
    expect(runs.map((p) => p.attributes['gen_ai.agent.name']).sort()).toEqual(['helper', 'reader']);
  }, 90_000);

  it('http/json, content capture, a denial and a failing tool: attributes, error status and the denial and error metrics', async () => {
    const dir = project();
    server = await startScriptedServer(
      script(dir, [toolUse('Bash', { command: 'rm -rf build', description: 'clean' }), toolUse('Bash', { command: 'ls no-such-folder', description: 'list' })]),
    );
    receiver = await startOtlpReceiver();
    const res = await run(dir, {
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_SERVICE_NAME: 'de-otel-test',
      OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment=ci',
      OTEL_GENAI_CAPTURE_CONTENT: 'true',
    });
    expect(res.exitCode, res.stderr).toBe(0);
    expect(new Set(receiver.contentTypes)).toEqual(new Set(['application/json']));
    const { chats } = checkTrace(receiver.spans.filter((s) => !/rm -rf|no-such/.test(String(s.attributes['gen_ai.tool.call.arguments'] ?? ''))));
    const bashes = byName(receiver.spans, 'execute_tool Bash');
    const denied = bashes.find((s) => s.attributes['docker_expert.permission.decision'] === 'deny')!;
    expect(denied.status.code).toBe(2);
    expect(denied.attributes['error.type']).toBe('permission_denied');
    const failed = bashes.find((s) => s.attributes['process.exit.code'] !== undefined && s.attributes['process.exit.code'] !== 0)!;
    expect(failed.attributes).toMatchObject({ 'error.type': 'tool_error', 'docker_expert.permission.decision': 'allow' });
    expect(failed.attributes['gen_ai.tool.call.arguments']).toContain('ls no-such-folder');
    const denials = receiver.points.filter((p) => p.metric === 'docker_expert.permission.denials');
    expect(denials).toEqual([expect.objectContaining({ value: 1, attributes: expect.objectContaining({ 'gen_ai.tool.name': 'Bash' }) })]);
    // The denied call never ran: it is a denial, not a tool error.
    expect(receiver.points.filter((p) => p.metric === 'docker_expert.tool.errors').reduce((n, p) => n + p.value, 0)).toBe(1);
    // Captured content: the task, the tool results (redacted) and the answers.
    const input = chats.map((c) => String(c.attributes['gen_ai.input.messages'])).join('\n');
    expect(input).toContain('Check the project');
    expect(input).toContain('LOG_LEVEL=info');
    expect(input).toContain('[REDACTED:password]');
    expect(receiver.raw.join('\n')).not.toContain('otel-test-secret-4711');
    expect(chats.map((c) => String(c.attributes['gen_ai.output.messages'])).join('\n')).toContain('All checked.');
  }, 90_000);

  it('a dead collector holds the run no longer than the flush bound', async () => {
    const dir = project();
    server = await startScriptedServer([endTurn('done')]);
    receiver = await startOtlpReceiver({ mode: 'hang' });
    const started = Date.now();
    const res = await run(dir, { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, DOCKER_EXPERT_OTEL_FLUSH_TIMEOUT_MS: '300' });
    expect(res.exitCode, res.stderr).toBe(0);
    // The exporter's own timeout is 10 s: only the flush bound ends the wait.
    expect(Date.now() - started).toBeLessThan(8_000);
  }, 30_000);

  it('loads nothing of OpenTelemetry without the variables, or with OTEL_SDK_DISABLED=true', async () => {
    const dir = project();
    const loadsOf = async (env: Record<string, string>) => {
      server = await startScriptedServer([endTurn('done')]);
      const file = path.join(dir, `loads-${Math.random()}.txt`);
      writeFileSync(file, '');
      const res = await execa(process.execPath, ['--import', RECORD_LOADS, BIN, 'run', '--strict-mcp-config', '--no-verify', '--agent', 'reader', '--cwd', dir, 'hi'], {
        env: { ANTHROPIC_API_KEY: 'sk-test', ANTHROPIC_BASE_URL: server.url, RECORD_LOADS_FILE: file, OTEL_EXPORTER_OTLP_ENDPOINT: undefined, ...env },
        extendEnv: true,
        reject: false,
        stdin: 'ignore',
      });
      await server.close();
      server = undefined;
      expect(res.exitCode, res.stderr).toBe(0);
      const urls = readFileSync(file, 'utf8').trim().split('\n');
      // @opentelemetry/api is loaded by the Anthropic SDK itself (a no-op until a provider is registered); the SDK,
      // exporters and resources are ours, and must not be.
      const sdk = /node_modules\/@opentelemetry\/(?!api\/)/;
      // Nor a chunk of the bundle holding nothing but agent/telemetry: one more file to load and evaluate (cli/main.ts
      // does not import it for that; it rides in start.ts's chunk).
      const telemetryOnly = (u: string) => {
        const modules = [...readFileSync(new URL(u), 'utf8').matchAll(/^\/\/ (\S+\.ts)$/gm)].map((m) => m[1]);
        return u.includes('/dist/') && modules.length > 0 && modules.every((m) => m.startsWith('agent/telemetry/'));
      };
      return urls.filter((u) => sdk.test(u) || sdk.test(readFileSync(new URL(u), 'utf8')) || telemetryOnly(u));
    };
    receiver = await startOtlpReceiver();
    expect(await loadsOf({})).toEqual([]);
    expect(await loadsOf({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_SDK_DISABLED: 'true' })).toEqual([]);
    expect(receiver.spans).toEqual([]);
    // The control: with an endpoint the SDK is loaded (so the check above can fail).
    expect((await loadsOf({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url })).length).toBeGreaterThan(0);
  }, 90_000);
});
