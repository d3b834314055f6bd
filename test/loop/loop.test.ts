import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { CLEARED_PLACEHOLDER } from '../../agent/context/clear-old-results.js';
import { endTurn, httpError, startScriptedServer, text, toolTurn, toolUse, type LoggedRequest, type ScriptedServer } from '../support/scripted-server.js';
import { definition, gateBy, probeTool, rules, run, type CallLog } from './helpers.js';

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const stripCache = (v: unknown) => JSON.parse(JSON.stringify(v, (k, val) => (k === 'cache_control' ? undefined : val)));
const cacheMarks = (req: LoggedRequest) => JSON.stringify(req.body).split('"cache_control"').length - 1;

describe('the loop', () => {
  it('runs parallel safe calls together, returns all results in order in one user message, and keeps prefixes stable', async () => {
    const log: CallLog[] = [];
    server = await startScriptedServer([
      toolTurn([toolUse('Probe', { value: 'a' }), toolUse('Probe', { value: 'b' }), toolUse('Probe', { value: 'c' })], 'Reading three.'),
      toolTurn([toolUse('Probe', { value: 'd' })]),
      endTurn('All done.'),
    ]);
    const { result, events } = await run(server.url, { tools: [probeTool('Probe', log, { safe: true, delayMs: 120 }), probeTool('Other', log, { safe: true })] });

    expect(result).toMatchObject({ type: 'result', subtype: 'success', is_error: false, result: 'All done.', num_turns: 3, model: 'claude-sonnet-5-5' });
    // The three calls overlapped in time.
    const [a, b, c] = log;
    expect(Math.max(a.start, b.start, c.start)).toBeLessThan(Math.min(a.end, b.end, c.end));

    const reqs = server.messageRequests;
    expect(reqs).toHaveLength(3);
    expect(reqs.map((r) => r.body.model)).toEqual(['claude-sonnet-5-5', 'claude-sonnet-5-5', 'claude-sonnet-5-5']);
    // Exactly the allowed tools: Other is not in the definition's list.
    expect(reqs[0].body.tools.map((t: any) => t.name)).toEqual(['Probe']);
    expect(reqs[0].body.tools[0].input_schema).toMatchObject({ type: 'object', required: ['value'] });
    expect(reqs[0].body.system[0].text).toContain('You test the loop.');
    // Results of turn 1: one user message, in call order.
    const second = reqs[1].body.messages;
    expect(second).toHaveLength(3);
    expect(second[2].content.map((b: any) => [b.type, b.content])).toEqual([
      ['tool_result', 'Probe got a'],
      ['tool_result', 'Probe got b'],
      ['tool_result', 'Probe got c'],
    ]);
    // Each request is the previous one plus new messages; tools and system byte-identical.
    for (let i = 1; i < reqs.length; i++) {
      expect(JSON.stringify(reqs[i].body.tools)).toBe(JSON.stringify(reqs[0].body.tools));
      expect(JSON.stringify(reqs[i].body.system)).toBe(JSON.stringify(reqs[0].body.system));
      const prev = stripCache(reqs[i - 1].body.messages);
      expect(stripCache(reqs[i].body.messages).slice(0, prev.length)).toEqual(prev);
    }
    // Breakpoints: last tool, system, and only the newest message; the cache is read from turn 2 on.
    for (const r of reqs) {
      expect(cacheMarks(r)).toBe(3);
      expect(r.body.tools.at(-1).cache_control).toEqual({ type: 'ephemeral' });
      expect(r.body.system.at(-1).cache_control).toEqual({ type: 'ephemeral' });
      expect(r.body.messages.at(-1).content.at(-1).cache_control).toEqual({ type: 'ephemeral' });
    }
    const usages = events.filter((e) => e.type === 'usage') as any[];
    expect(usages[0].usage.cache_read_input_tokens).toBe(0);
    expect(usages[1].usage.cache_read_input_tokens).toBeGreaterThan(0);
    expect(usages[2].usage.cache_read_input_tokens).toBeGreaterThan(usages[1].usage.cache_read_input_tokens);
    expect(result.usage.output_tokens).toBe(usages.reduce((n, u) => n + u.usage.output_tokens, 0));
    expect(result.total_cost_usd).toBeCloseTo(usages.reduce((n, u) => n + u.cost_usd, 0), 12);
    const ends = events.filter((e) => e.type === 'tool_end') as any[];
    expect(ends).toHaveLength(4);
    expect(ends.every((e) => e.duration_ms >= 100)).toBe(true);
  });

  it('runs calls that are not concurrency-safe one at a time, in order', async () => {
    const log: CallLog[] = [];
    server = await startScriptedServer([toolTurn([toolUse('Slow', { value: '1' }), toolUse('Slow', { value: '2' })]), endTurn('ok')]);
    await run(server.url, { tools: [probeTool('Slow', log, { safe: false, delayMs: 60 })] });
    expect(log.map((l) => (l.input as any).value)).toEqual(['1', '2']);
    expect(log[1].start).toBeGreaterThanOrEqual(log[0].end);
  });

  it('answers an unknown tool and a schema failure with is_error results and goes on', async () => {
    const log: CallLog[] = [];
    server = await startScriptedServer([toolTurn([toolUse('Other', { value: 'x' }), toolUse('Probe', { value: 42 })]), endTurn('recovered')]);
    const { result } = await run(server.url, { tools: [probeTool('Probe', log, { safe: true }), probeTool('Other', log, { safe: true })] });
    expect(result.subtype).toBe('success');
    expect(log).toHaveLength(0);
    const [unknown, invalid] = server.messageRequests[1].body.messages[2].content;
    expect(unknown).toMatchObject({ is_error: true });
    expect(unknown.content).toContain('No such tool available: Other');
    expect(invalid).toMatchObject({ is_error: true });
    expect(invalid.content).toMatch(/invalid input for Probe[\s\S]*value/);
  });

  it('never runs a tool call cut by max_tokens, and tells the model', async () => {
    const log: CallLog[] = [];
    server = await startScriptedServer([
      { content: [text('Writing'), { type: 'tool_use', name: 'Probe', input: undefined, rawJson: '{"value": "trunc' }], stop_reason: 'max_tokens' },
      endTurn('gave up'),
    ]);
    const { result } = await run(server.url, { tools: [probeTool('Probe', log, { safe: true })] });
    expect(log).toHaveLength(0);
    expect(result.subtype).toBe('success');
    const reply = server.messageRequests[1].body.messages[2].content[0];
    expect(reply).toMatchObject({ type: 'tool_result', is_error: true });
    expect(reply.content).toContain('Not executed');
  });

  it('continues after pause_turn with the assistant content as the last message', async () => {
    server = await startScriptedServer([{ content: [text('searching...')], stop_reason: 'pause_turn' }, endTurn('finished')]);
    const { result } = await run(server.url, { tools: [] });
    expect(result).toMatchObject({ subtype: 'success', result: 'finished', num_turns: 2 });
    expect(server.messageRequests[1].body.messages.at(-1)).toMatchObject({ role: 'assistant' });
  });

  it('ends on refusal with error_during_execution and runs none of that turn', async () => {
    server = await startScriptedServer([{ content: [text('I cannot help with that.')], stop_reason: 'refusal', stop_details: { type: 'refusal', category: 'cyber', explanation: 'policy' } }]);
    const { result } = await run(server.url, { tools: [] });
    expect(result).toMatchObject({ subtype: 'error_during_execution', is_error: true });
    expect(result.result).toContain('refused');
    expect(result.result).toContain('policy');
  });

  it('stops at --max-turns exactly (edge: N turns allowed, the N+1th is not made)', async () => {
    const log: CallLog[] = [];
    const script = () => [toolTurn([toolUse('Probe', { value: '1' })]), toolTurn([toolUse('Probe', { value: '2' })]), endTurn('done at 3')];
    server = await startScriptedServer(script());
    const ok = await run(server.url, { tools: [probeTool('Probe', log, { safe: true })], maxTurns: 3 });
    expect(ok.result).toMatchObject({ subtype: 'success', num_turns: 3 });
    await server.close();
    log.length = 0;
    server = await startScriptedServer(script());
    const cut = await run(server.url, { tools: [probeTool('Probe', log, { safe: true })], maxTurns: 2 });
    expect(cut.result).toMatchObject({ subtype: 'error_max_turns', is_error: true, num_turns: 2 });
    expect(server.messageRequests).toHaveLength(2);
    // The second turn's tool call is not run: its result could never reach the model.
    expect(log.map((l) => (l.input as any).value)).toEqual(['1']);
  });

  it('stops when the cost reaches --max-budget-usd (edge: just below vs at the first turn cost)', async () => {
    const log: CallLog[] = [];
    // 1,000,000 fresh input tokens at $2/MTok and 0 output priced at $10/MTok: turn 1 costs 2 + 10 * 1e-6.
    const costly = (r: any) => ({ ...toolTurn([toolUse('Probe', { value: 'x' })]), usage: { input_tokens: 1_000_000, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 1 } });
    const turnCost = 2 + 10 / 1_000_000;
    server = await startScriptedServer([costly, costly, endTurn('end')]);
    const under = await run(server.url, { tools: [probeTool('Probe', log, { safe: true })], maxBudgetUsd: turnCost + 0.001 });
    expect(under.result.subtype).toBe('error_max_budget_usd');
    expect(under.result.num_turns).toBe(2);
    await server.close();
    server = await startScriptedServer([costly, costly, endTurn('end')]);
    const at = await run(server.url, { tools: [probeTool('Probe', log, { safe: true })], maxBudgetUsd: turnCost });
    expect(at.result).toMatchObject({ subtype: 'error_max_budget_usd', num_turns: 1 });
    expect(at.result.total_cost_usd).toBeCloseTo(turnCost, 9);
  });

  it('stops at the overall timeout', async () => {
    // The answer never comes (headers, then silence): only the time limit can end this run.
    server = await startScriptedServer([{ ...endTurn('never'), fault: { type: 'stall', afterEvents: 0 } }]);
    const { result } = await run(server.url, { tools: [], timeoutMs: 200 });
    expect(result.subtype).toBe('error_during_execution');
    expect(result.result).toContain('time limit of 0.2 s');
  });

  it('records denials: deny, and ask without an approver; an approver can allow', async () => {
    const log: CallLog[] = [];
    const gate = gateBy((req) =>
      (req.input as any).value === 'secret' ? { behavior: 'deny', reason: 'reads of secret are denied', rule: 'Probe(secret)' } : (req.input as any).value === 'maybe' ? { behavior: 'ask', reason: 'Probe(maybe) needs approval' } : { behavior: 'allow', reason: 'ok' },
    );
    const script = () => [toolTurn([toolUse('Probe', { value: 'secret' }), toolUse('Probe', { value: 'maybe' }), toolUse('Probe', { value: 'fine' })]), endTurn('ok')];
    server = await startScriptedServer(script());
    const { result, events } = await run(server.url, { tools: [probeTool('Probe', log, { safe: true })], gate });
    expect(log.map((l) => (l.input as any).value)).toEqual(['fine']);
    expect(result.permission_denials).toHaveLength(2);
    expect(result.permission_denials[0]).toMatchObject({ tool_name: 'Probe', tool_input: { value: 'secret' }, reason: 'reads of secret are denied' });
    expect(result.permission_denials[1].reason).toContain('non-interactive');
    const perms = events.filter((e) => e.type === 'permission') as any[];
    expect(perms.map((p) => [p.behavior, p.asked])).toEqual([['deny', false], ['deny', true], ['allow', false]]);
    expect(perms[0].rule).toBe('Probe(secret)');
    const results = server.messageRequests[1].body.messages[2].content;
    expect(results[0]).toMatchObject({ is_error: true });
    expect(results[0].content).toContain('Permission denied');

    await server.close();
    log.length = 0;
    server = await startScriptedServer(script());
    const approved = await run(server.url, { tools: [probeTool('Probe', log, { safe: true })], gate, approver: async () => 'allow' });
    expect(log.map((l) => (l.input as any).value).sort()).toEqual(['fine', 'maybe']);
    expect(approved.result.permission_denials).toHaveLength(1);
  });

  it('retries a 529 and a mid-stream error without running a tool twice', async () => {
    const log: CallLog[] = [];
    server = await startScriptedServer([
      httpError(529),
      // The tool_use block is complete when the stream breaks: it must not run from this attempt.
      { ...toolTurn([toolUse('Probe', { value: 'once' })]), fault: { type: 'error_event', afterEvents: 7 } },
      toolTurn([toolUse('Probe', { value: 'once' })]),
      endTurn('done'),
    ]);
    const { result, events } = await run(server.url, { tools: [probeTool('Probe', log, { safe: true })] });
    expect(result.subtype).toBe('success');
    expect(log).toHaveLength(1);
    const retries = events.filter((e) => e.type === 'retry') as any[];
    expect(retries.map((r) => r.kind)).toEqual(['http', 'stream_error']);
    expect(retries[0].status).toBe(529);
    expect(result.num_turns).toBe(2);
  });

  it('ends with a clear error on 401 (subtype error_during_execution)', async () => {
    server = await startScriptedServer([endTurn('never')], { apiKey: 'the-right-key' });
    const { result } = await run(server.url, { tools: [] });
    expect(result).toMatchObject({ subtype: 'error_during_execution', is_error: true, num_turns: 0 });
    expect(result.result).toContain('invalid x-api-key');
    expect(result.result).toContain('ANTHROPIC_API_KEY');
  });

  it('caps Bash output at 30,000 characters, says what was cut, and keeps the whole output in the session folder', async () => {
    const log: CallLog[] = [];
    const big = Array.from({ length: 2_000 }, (_, i) => `line ${i} ${'x'.repeat(20)}`).join('\n');
    server = await startScriptedServer([toolTurn([toolUse('Bash', { value: 'big' }), toolUse('Probe', { value: 'small' })]), endTurn('ok')]);
    const { result } = await run(server.url, { tools: [probeTool('Bash', log, { safe: false, output: () => big }), probeTool('Probe', log, { safe: true, output: () => 'y'.repeat(30_001) })] });
    const [bash, probe] = server.messageRequests[1].body.messages[2].content;
    expect(bash.content.length).toBeLessThan(30_600);
    expect(bash.content.startsWith('line 0 ')).toBe(true);
    expect(bash.content.endsWith('line 1999 ' + 'x'.repeat(20))).toBe(true);
    const saved = /The whole output is in (\S+);/.exec(bash.content)?.[1] as string;
    expect(saved).toContain(`.docker-expert/sessions/${result.session_id}/tool-outputs/`);
    expect(readFileSync(saved, 'utf8')).toBe(big);
    expect(bash.content).toMatch(/\d+ of \d+ characters cut \(lines \d+-\d+\)/);
    // Other tools have their own, larger cap: 30,001 characters pass whole.
    expect(probe.content.length).toBe(30_001);
  });

  it('Bash cap edge: exactly the cap passes whole, one more character is cut', async () => {
    const log: CallLog[] = [];
    server = await startScriptedServer([toolTurn([toolUse('Bash', { value: 'a' })]), toolTurn([toolUse('Bash', { value: 'b' })]), endTurn('ok')]);
    await run(server.url, { tools: [probeTool('Bash', log, { safe: false, output: (i) => 'z'.repeat(i.value === 'a' ? 30_000 : 30_001) })] });
    const [first] = server.messageRequests[1].body.messages[2].content;
    const [second] = server.messageRequests[2].body.messages[4].content;
    expect(first.content).toBe('z'.repeat(30_000));
    expect(second.content).toContain('[Output truncated');
  });

  it('clears old tool results near the context window, keeping the latest ones (edge at the threshold)', async () => {
    const log: CallLog[] = [];
    // Window 10,000 tokens, clear above 80% = 8,000. Each reply reports its own usage total.
    const reply = (total: number, v: string) => ({ ...toolTurn([toolUse('Probe', { value: v })]), usage: { input_tokens: total - 10, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 10 } });
    const opts = { tools: [probeTool('Probe', log, { safe: true, output: () => '' })], contextWindow: 10_000, keepToolResults: 1 };
    server = await startScriptedServer([reply(1000, 'r1'), reply(2000, 'r2'), reply(8000, 'r3'), endTurn('ok')]);
    await run(server.url, opts);
    // Empty results add nothing to the estimate: 8,000 is at the threshold, not above: nothing cleared.
    expect(JSON.stringify(server.messageRequests[3].body)).not.toContain(CLEARED_PLACEHOLDER);
    await server.close();

    server = await startScriptedServer([reply(1000, 'r1'), reply(2000, 'r2'), reply(8001, 'r3'), endTurn('ok')]);
    const { events } = await run(server.url, opts);
    const last = server.messageRequests[3].body.messages;
    const results = last.filter((m: any) => m.role === 'user' && Array.isArray(m.content) && m.content[0].type === 'tool_result').map((m: any) => m.content[0].content);
    expect(results).toEqual([CLEARED_PLACEHOLDER, CLEARED_PLACEHOLDER, '']);
    expect(events.some((e) => e.type === 'notice' && e.message.includes('2 old tool result(s) cleared'))).toBe(true);
  });

  it('lets a hook remind the model at end_turn, and fail the run', async () => {
    server = await startScriptedServer([endTurn('first'), endTurn('second')]);
    let calls = 0;
    const { result } = await run(server.url, {
      tools: [],
      hooks: {
        onTurnEnd: () => (++calls === 1 ? { action: 'remind', message: 'You forgot the Handoff.' } : { action: 'fail', message: 'no handoff after a reminder' }),
      },
    });
    expect(result).toMatchObject({ subtype: 'error_no_handoff', result: 'no handoff after a reminder', num_turns: 2 });
    expect(server.messageRequests[1].body.messages.at(-1).content[0].text).toBe('You forgot the Handoff.');
  });

  it('ends the run after a batch when a tool says so (accepted Handoff), with fields from the hook', async () => {
    const log: CallLog[] = [];
    server = await startScriptedServer([toolTurn([toolUse('Handoff', { value: 'bye' })], 'Handing off.')]);
    const { result } = await run(server.url, {
      tools: [],
      runtimeTools: [probeTool('Handoff', log, { safe: false, endsRun: true })],
      hooks: { resultFields: () => ({ result: 'the handoff summary', handoff: { to: 'terminal' }, workflow: [{ step: 'analyze', status: 'done', summary: 's' }] }) },
    });
    expect(result).toMatchObject({ subtype: 'success', result: 'the handoff summary', handoff: { to: 'terminal' }, num_turns: 1 });
    expect(result.workflow).toHaveLength(1);
    expect(server.remaining).toBe(0);
  });

  it('puts a second moving breakpoint when a turn adds 20+ blocks, and never more than 4', async () => {
    const log: CallLog[] = [];
    const many = Array.from({ length: 12 }, (_, i) => toolUse('Probe', { value: String(i) }));
    server = await startScriptedServer([toolTurn(many), toolTurn([toolUse('Probe', { value: 'z' })]), endTurn('ok')]);
    const { events } = await run(server.url, { tools: [probeTool('Probe', log, { safe: true })] });
    const second = server.messageRequests[1];
    expect(cacheMarks(second)).toBe(4);
    expect(second.body.messages[1].content.at(-1).cache_control).toBeDefined();
    const usages = events.filter((e) => e.type === 'usage') as any[];
    expect(usages[2].usage.cache_read_input_tokens).toBeGreaterThan(usages[1].usage.cache_read_input_tokens);
  });

  it('emits init with the tools and model, and the events iterator yields everything up to the result', async () => {
    server = await startScriptedServer([endTurn('hi')]);
    const { runAgent } = await import('../../agent/run.js');
    const handle = runAgent({ agent: definition({ tools: rules('Probe') }), task: 't', cwd: process.cwd(), gate: gateBy(() => ({ behavior: 'allow', reason: '' })), env: { ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: server.url }, tools: [probeTool('Probe', [], { safe: true })], sessionDir: '/tmp/de-loop-none' });
    const seen: string[] = [];
    for await (const e of handle.events) seen.push(e.type);
    expect(seen[0]).toBe('init');
    expect(seen.at(-1)).toBe('result');
    expect(seen).toContain('assistant');
    expect(seen).toContain('usage');
    expect((await handle.result).session_id).toBe(handle.sessionId);
    expect(existsSync('/tmp/de-loop-none')).toBe(false);
  });

  it('without a gate or tools given, uses the real permission gate and the built-in tools', async () => {
    const { runAgent } = await import('../../agent/run.js');
    const { tempProject } = await import('./helpers.js');
    const { writeFileSync } = await import('node:fs');
    const dir = tempProject();
    writeFileSync(`${dir}/Dockerfile`, 'FROM alpine:3.20\n');
    server = await startScriptedServer([
      toolTurn([toolUse('Read', { file_path: `${dir}/Dockerfile` }), toolUse('Write', { file_path: `${dir}/x.txt`, content: 'x' })]),
      endTurn('done'),
    ]);
    const agent = definition({ tools: rules('Read', 'Write', 'Bash(docker:*)') });
    const denied = await runAgent({ agent, task: 't', cwd: dir, env: { ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: server.url } }).result;
    expect(server.messageRequests[0].body.tools.map((t: any) => t.name)).toEqual(['Read', 'Write', 'Bash']);
    const [read, write] = server.messageRequests[1].body.messages[2].content;
    expect(read.content).toContain('FROM alpine:3.20');
    expect(write).toMatchObject({ is_error: true });
    expect(denied.permission_denials.map((d) => d.tool_name)).toEqual(['Write']);
    expect(existsSync(`${dir}/x.txt`)).toBe(false);

    await server.close();
    server = await startScriptedServer([toolTurn([toolUse('Write', { file_path: `${dir}/x.txt`, content: 'x' })]), endTurn('done')]);
    const asked: string[] = [];
    const approved = await runAgent({ agent, task: 't', cwd: dir, env: { ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: server.url }, approver: async (req) => (asked.push(req.toolName), 'allow') }).result;
    expect(asked).toEqual(['Write']);
    expect(approved.permission_denials).toEqual([]);
    expect(readFileSync(`${dir}/x.txt`, 'utf8')).toBe('x');
  });

  it('the whole output of a cut result is in a file the real Read tool can open', async () => {
    const { createReadTool } = await import('../../tools/fs/index.js');
    const { createPermissionGate } = await import('../../permissions/index.js');
    const { tempProject } = await import('./helpers.js');
    const cwd = tempProject();
    const agent = definition({ tools: rules('Bash', 'Read') });
    const real = createPermissionGate({ definition: agent, cwd });
    // The stand-in Bash is allowed; the Read of the saved file goes through the real gate.
    const gate = gateBy(() => ({ behavior: 'allow', reason: '' }));
    gate.check = async (req) => (req.toolName === 'Bash' ? { behavior: 'allow', reason: 'test' } : real.check(req));
    const log: CallLog[] = [];
    const big = Array.from({ length: 3_000 }, (_, i) => `out ${i}`).join('\n');
    server = await startScriptedServer([
      toolTurn([toolUse('Bash', { value: 'big' })]),
      (req) => {
        const cut = req.body.messages.at(-1).content[0].content as string;
        const saved = /The whole output is in (\S+);/.exec(cut)?.[1] as string;
        return toolTurn([toolUse('Read', { file_path: saved, offset: 2_990, limit: 5 })]);
      },
      endTurn('ok'),
    ]);
    await run(server.url, { agent, cwd, gate, tools: [probeTool('Bash', log, { safe: false, output: () => big }), createReadTool()], outputCaps: { bash: 1_000 } });
    const read = server.messageRequests[2].body.messages.at(-1).content[0];
    expect(read.is_error).toBeUndefined();
    expect(read.content).toContain('out 2989');
    expect(read.content).toContain('out 2993');
  });
});
