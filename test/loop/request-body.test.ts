import { describe, expect, it } from 'vitest';
import { withCacheBreakpoints } from '../../agent/cache.js';
import type { Message, ModelRequest } from '../../agent/models/types.js';
import { requestBodyJson } from '../../agent/models/request-body.js';

const system = [{ type: 'text' as const, text: 'You are a "container" expert.\n\tUse \\ and \u2028 with care: ünïcödé 🐳' }];
const tools = [
  { name: 'Read', description: 'reads', input_schema: { type: 'object' as const, properties: { file_path: { type: 'string' } }, required: ['file_path'] } },
  { name: 'Bash', description: 'runs', input_schema: { type: 'object' as const, properties: {} } },
];

function request(messages: Message[]): ModelRequest {
  return { model: 'claude-sonnet-4-5', max_tokens: 8192, system, tools, messages };
}

describe('the request body from cached pieces', () => {
  it('is exactly JSON.stringify of the same fields, with and without tools and stream', () => {
    const messages: Message[] = [
      { role: 'user', content: 'Review the "Dockerfile"' },
      { role: 'assistant', content: [{ type: 'text', text: 'Reading.' }, { type: 'tool_use', id: 'toolu_1', name: 'Read', input: { file_path: '/p/Dockerfile', extra: undefined } }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: '1\tFROM node:20\n' }] },
    ];
    const r = withCacheBreakpoints(request(messages));
    for (const fields of [
      { ...r, stream: true },
      { model: r.model, max_tokens: r.max_tokens, system: r.system, messages: r.messages },
      { model: r.model, max_tokens: 1, system: [], messages: [], tools: [], stream: false },
    ]) {
      expect(requestBodyJson(fields)).toBe(JSON.stringify(fields));
    }
  });

  it('follows the history as it grows and as old results are replaced, turn after turn', () => {
    const history: Message[] = [{ role: 'user', content: 'go' }];
    for (let turn = 0; turn < 30; turn++) {
      history.push({ role: 'assistant', content: [{ type: 'tool_use', id: `t${turn}`, name: 'Read', input: { file_path: `/f${turn}` } }] });
      history.push({ role: 'user', content: [{ type: 'tool_result', tool_use_id: `t${turn}`, content: `result ${turn}` }] });
      // Context clearing replaces an old result with a copy (agent/context/clear-old-results.ts): the body shows it.
      if (turn % 7 === 6) history[2] = { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't0', content: `[cleared at ${turn}]` }] };
      const fields = { ...withCacheBreakpoints(request(history)), stream: true };
      const json = requestBodyJson(fields);
      expect(json).toBe(JSON.stringify(fields));
      // One moving breakpoint on the newest message, none left behind on older ones.
      expect(json.split('"cache_control"').length - 1).toBe(3);
    }
  });

  it('gives the last tool and system block the same marked copy every request', () => {
    const a = withCacheBreakpoints(request([{ role: 'user', content: 'x' }]));
    const b = withCacheBreakpoints(request([{ role: 'user', content: 'y' }]));
    expect(a.tools.at(-1)).toBe(b.tools.at(-1));
    expect(a.system.at(-1)).toBe(b.system.at(-1));
    expect(a.tools.at(-1)).toMatchObject({ name: 'Bash', cache_control: { type: 'ephemeral' } });
    expect(tools.at(-1)).not.toHaveProperty('cache_control');
  });
});
