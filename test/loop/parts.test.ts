import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { withCacheBreakpoints, MAX_CACHE_BREAKPOINTS } from '../../agent/cache.js';
import { clearOldToolResults, CLEARED_PLACEHOLDER, estimateTokens } from '../../agent/context/clear-old-results.js';
import { capToolOutput } from '../../agent/context/output-cap.js';
import { EventStream } from '../../agent/events.js';
import { MODEL_ALIASES, resolveModel } from '../../agent/models/aliases.js';
import { costOf, modelInfo } from '../../agent/models/catalog.js';
import type { Message, ModelRequest } from '../../agent/models/types.js';
import { buildToolset, ruleMatches, toolSpec } from '../../agent/toolset.js';
import { toLine } from '../../cli/render/stream-json.js';
import { UsageError } from '../../cli/io.js';
import { parseRunOptions } from '../../cli/run-options.js';
import { renderRuntimePrompt, toolPolicyText } from '../../prompts/runtime.js';
import { probeTool, rules, tempProject } from './helpers.js';

describe('model aliases and prices', () => {
  it('maps aliases, inherit and absent to ids, honours DOCKER_EXPERT_MODEL_<ALIAS>, and reserves offline', () => {
    expect(resolveModel('sonnet', {})).toEqual({ kind: 'api', id: 'claude-sonnet-5-5', alias: 'sonnet' });
    expect(resolveModel('opus', {}).id).toBe('claude-opus-5-5');
    expect(resolveModel('haiku', {}).id).toBe('claude-haiku-4-5');
    expect(resolveModel('inherit', {}).id).toBe(MODEL_ALIASES.sonnet);
    expect(resolveModel(undefined, {}).id).toBe(MODEL_ALIASES.sonnet);
    expect(resolveModel('Sonnet', { DOCKER_EXPERT_MODEL_SONNET: 'claude-sonnet-9' }).id).toBe('claude-sonnet-9');
    expect(resolveModel('claude-opus-4-6', {})).toEqual({ kind: 'api', id: 'claude-opus-4-6' });
    expect(resolveModel('offline', {})).toEqual({ kind: 'offline', id: 'offline' });
  });

  it('prices cache writes and reads separately from fresh input', () => {
    const p = modelInfo('claude-sonnet-5-5').price;
    expect(p).toEqual({ input: 2, output: 10, cacheWrite: 2.5, cacheRead: 0.2 });
    const mtok = 1_000_000;
    expect(costOf({ input_tokens: mtok, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 }, p)).toBe(2);
    expect(costOf({ input_tokens: 0, output_tokens: mtok, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 }, p)).toBe(10);
    expect(costOf({ input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: mtok, cache_read_input_tokens: 0 }, p)).toBe(2.5);
    expect(costOf({ input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: mtok }, p)).toBeCloseTo(0.2, 12);
    expect(modelInfo('claude-haiku-4-5').price.input).toBe(1);
  });
});

describe('toolset', () => {
  const log: never[] = [];
  const tools = ['Read', 'Write', 'Bash', 'Task', 'mcp__Ref__search', 'mcp__serena__find', 'mcp__other__x'].map((n) => probeTool(n, log, { safe: true }));

  it('offers exactly the listed tools; specifiers are permission rules, not filters', () => {
    const set = buildToolset({ allowed: rules('Read', 'Bash(docker:*)', 'mcp__Ref__*', 'mcp__serena', 'mcp__sequential_thinking__*'), disallowed: [], candidates: tools });
    expect(set.tools.map((t) => t.name)).toEqual(['Read', 'Bash', 'mcp__Ref__search', 'mcp__serena__find']);
    expect(set.unresolved).toEqual(['mcp__sequential_thinking__*']);
    expect(set.byName.get('Write')).toBeUndefined();
  });

  it('omitted tools means every candidate; disallowedTools removes (mcp__* every server), runtime tools always stay', () => {
    const set = buildToolset({ allowed: undefined, disallowed: rules('Write', 'mcp__*', 'Bash(rm:*)'), candidates: tools, runtime: [probeTool('Handoff', log, { safe: false })] });
    expect(set.tools.map((t) => t.name)).toEqual(['Read', 'Bash', 'Task', 'Handoff']);
    const none = buildToolset({ allowed: rules('Read'), disallowed: [], candidates: tools, runtime: [probeTool('Handoff', log, { safe: false })] });
    expect(none.tools.map((t) => t.name)).toEqual(['Read', 'Handoff']);
  });

  it('matches rule patterns by name, not by substring', () => {
    expect(ruleMatches('Read', 'ReadX')).toBe(false);
    expect(ruleMatches('mcp__Ref', 'mcp__Ref__a')).toBe(true);
    expect(ruleMatches('mcp__Ref', 'mcp__Refx__a')).toBe(false);
    expect(ruleMatches('mcp__Ref__*', 'mcp__Ref__a')).toBe(true);
  });

  it('turns zod schemas into JSON Schema objects, and keeps an MCP tool its own schema', () => {
    const tool = { ...probeTool('T', log, { safe: true }), inputSchema: z.object({ a: z.string().describe('the a'), n: z.number().optional().default(3) }) };
    const spec = toolSpec(tool);
    expect(spec.input_schema).toMatchObject({ type: 'object', properties: { a: { type: 'string', description: 'the a' } }, required: ['a'] });
    expect(spec.input_schema.$schema).toBeUndefined();
    const raw = { type: 'object', properties: { q: { type: 'string' } } };
    expect(toolSpec({ ...tool, jsonSchema: raw } as never).input_schema).toBe(raw);
  });
});

describe('cache breakpoints', () => {
  const base = (messages: Message[]): ModelRequest => ({
    model: 'm',
    max_tokens: 1,
    system: [{ type: 'text', text: 'sys' }],
    tools: [toolSpec(probeTool('A', [], { safe: true })), toolSpec(probeTool('B', [], { safe: true }))],
    messages,
  });

  it('marks the last tool, the system and the newest message, and leaves the history untouched', () => {
    const history: Message[] = [
      { role: 'user', content: [{ type: 'text', text: 'q' }] },
      { role: 'assistant', content: [{ type: 'thinking', thinking: 't', signature: 's' }, { type: 'text', text: '' }] },
    ];
    const req = withCacheBreakpoints(base(history));
    expect(req.tools[0].cache_control).toBeUndefined();
    expect(req.tools[1].cache_control).toEqual({ type: 'ephemeral' });
    expect(req.system[0].cache_control).toEqual({ type: 'ephemeral' });
    // Thinking and empty text cannot be marked: nothing in that message is.
    expect(JSON.stringify(req.messages)).not.toContain('cache_control');
    expect(JSON.stringify(history)).not.toContain('cache_control');
  });

  it('never uses more than 4 breakpoints, even with a second moving one', () => {
    const results = Array.from({ length: 25 }, (_, i) => ({ type: 'tool_result' as const, tool_use_id: `t${i}`, content: 'x' }));
    const uses = results.map((r) => ({ type: 'tool_use' as const, id: r.tool_use_id, name: 'A', input: {} }));
    const req = withCacheBreakpoints(base([{ role: 'user', content: [{ type: 'text', text: 'q' }] }, { role: 'assistant', content: uses }, { role: 'user', content: results }]));
    expect(JSON.stringify(req).split('cache_control').length - 1).toBe(MAX_CACHE_BREAKPOINTS);
  });
});

describe('context', () => {
  it('cuts output above the limit (edge: limit passes whole), keeping head and tail and saving the whole', async () => {
    const dir = path.join(tempProject(), 'out');
    const exact = await capToolOutput('a'.repeat(100), 100, dir, 'toolu_1');
    expect(exact).toEqual({ content: 'a'.repeat(100), truncated: false });
    expect(existsSync(dir)).toBe(false);
    const text = Array.from({ length: 50 }, (_, i) => `row${i}`).join('\n');
    const cut = await capToolOutput(text, 100, dir, 'toolu/2');
    expect(cut.truncated).toBe(true);
    expect(cut.content.startsWith('row0\nrow1')).toBe(true);
    expect(cut.content.endsWith('row49')).toBe(true);
    expect(cut.savedTo).toBe(path.join(dir, 'toolu_2.txt'));
    expect(readFileSync(cut.savedTo as string, 'utf8')).toBe(text);
  });

  it('clears nothing at the threshold, and all but the newest `keep` results above it', () => {
    const msgs = (): Message[] => [
      { role: 'user', content: [{ type: 'text', text: 'task' }] },
      ...[1, 2, 3].flatMap((i): Message[] => [
        { role: 'assistant', content: [{ type: 'tool_use', id: `t${i}`, name: 'A', input: {} }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: `t${i}`, content: `result ${i}` }] },
      ]),
    ];
    const at = msgs();
    expect(clearOldToolResults(at, 800, { contextWindow: 1000, clearAtFraction: 0.8, keep: 1 })).toBe(0);
    const above = msgs();
    expect(clearOldToolResults(above, 801, { contextWindow: 1000, clearAtFraction: 0.8, keep: 1 })).toBe(2);
    expect(above.map((m) => (Array.isArray(m.content) && m.content[0].type === 'tool_result' ? m.content[0].content : null)).filter(Boolean)).toEqual([CLEARED_PLACEHOLDER, CLEARED_PLACEHOLDER, 'result 3']);
    expect(clearOldToolResults(above, 900, { contextWindow: 1000, keep: 1 })).toBe(0);
    expect(estimateTokens([{ role: 'user', content: 'abcdefgh' }])).toBe(2);
  });
});

describe('run options', () => {
  it('parses every CONTRACT option', () => {
    const o = parseRunOptions(
      ['--cwd', 'proj', '--agent', 'a', '--agents-dir', 'ag', '--model', 'opus', '--output-format', 'stream-json', '--max-turns', '7', '--max-budget-usd', '0.5', '--permission-mode', 'plan', '--allow', 'Bash(docker ps)', '--allow', 'Read', '--deny', 'Write', '--mcp-config', 'm.json', '--resume', 'abc', '--timeout', '1.5', '--idle-timeout', '10', '--add-dir', '../x', 'do', 'the', 'thing'],
      '/base',
    );
    expect(o).toMatchObject({
      cwd: '/base/proj',
      agent: 'a',
      agentsDir: 'ag',
      model: 'opus',
      outputFormat: 'stream-json',
      maxTurns: 7,
      maxBudgetUsd: 0.5,
      permissionMode: 'plan',
      allow: ['Bash(docker ps)', 'Read'],
      deny: ['Write'],
      mcpConfig: 'm.json',
      resume: 'abc',
      timeoutMs: 1500,
      idleTimeoutMs: 10_000,
      addDirs: ['/base/x'],
      task: 'do the thing',
    });
    expect(parseRunOptions([], '/b')).toMatchObject({ agent: 'docker-expert', outputFormat: 'text', permissionMode: 'default', cwd: '/b', task: '' });
  });

  it('rejects bad values with a message naming the option', () => {
    const bad = (args: string[]) => {
      try {
        parseRunOptions(args, '/');
      } catch (e) {
        expect(e).toBeInstanceOf(UsageError);
        return (e as Error).message;
      }
      throw new Error('no error');
    };
    expect(bad(['--max-turns', '1.5'])).toContain('--max-turns');
    expect(bad(['--max-budget-usd=-1'])).toContain('--max-budget-usd must be a number > 0');
    expect(bad(['--permission-mode', 'yolo'])).toContain('--permission-mode must be one of');
    expect(bad(['--model', ' '])).toContain('--model needs a value');
    expect(bad(['--timeout', 'soon'])).toContain('--timeout');
  });
});

describe('stream-json lines and the event stream', () => {
  it('shapes init as system/init and other runtime events as system lines with a subtype', () => {
    expect(toLine({ type: 'init', session_id: 's', agent: 'a', model: 'm', tools: ['Read'], cwd: '/p', permission_mode: 'default', session_dir: '/p/x' }, '')).toEqual({
      type: 'system',
      subtype: 'init',
      session_id: 's',
      agent: 'a',
      model: 'm',
      tools: ['Read'],
      cwd: '/p',
      permission_mode: 'default',
      session_dir: '/p/x',
    });
    expect(toLine({ type: 'permission', tool_use_id: 't', tool_name: 'Bash', behavior: 'deny', asked: false, reason: 'r' }, 's')).toMatchObject({ type: 'system', subtype: 'permission', tool_name: 'Bash', session_id: 's' });
    expect(toLine({ type: 'text_delta', text: 'x' }, 's')).toBeUndefined();
  });

  it('a listener that throws does not stop the others or the iterator', async () => {
    const s = new EventStream();
    const seen: string[] = [];
    s.on(() => {
      throw new Error('EPIPE');
    });
    s.on((e) => seen.push(e.type));
    s.emit({ type: 'notice', message: 'x' });
    s.close();
    const iterated: string[] = [];
    for await (const e of s) iterated.push(e.type);
    expect(seen).toEqual(['notice']);
    expect(iterated).toEqual(['notice']);
  });

  it('buffers events for a late iterator and ends after close', async () => {
    const s = new EventStream();
    s.emit({ type: 'notice', message: 'one' });
    s.emit({ type: 'notice', message: 'two' });
    s.close();
    const seen: string[] = [];
    for await (const e of s) seen.push((e as { message: string }).message);
    expect(seen).toEqual(['one', 'two']);
  });
});

describe('runtime prompt', () => {
  it('fills the template with stable values and states Bash limits', () => {
    const text = renderRuntimePrompt({ cwd: '/p', platform: 'linux x64', date: '2026-11-28', model: 'claude-sonnet-5-5', tools: ['Read', 'Bash'], toolPolicy: toolPolicyText(rules('Read', 'Bash(docker:*)', 'Bash(kubectl:*)')) });
    expect(text).toContain('Working directory (the project): /p');
    expect(text).toContain('Date: 2026-11-28');
    expect(text).toContain('You have exactly these tools: Read, Bash.');
    expect(text).toContain('Bash is limited to: `docker ...`, `kubectl ...`');
    expect(text).not.toMatch(/\{\{\w+\}\}/);
  });
});
