import { describe, expect, it } from 'vitest';
import { createMcpToolFilter } from '../../agent/mcp/tool-filter.js';
import { rules } from './helpers.js';

describe('MCP tool filter', () => {
  it('the seed definition wants Ref, sequential_thinking and serena, not others', () => {
    const f = createMcpToolFilter({ tools: rules('Read', 'Bash(docker:*)', 'mcp__Ref__*', 'mcp__sequential_thinking__*', 'mcp__serena__*') });
    expect(['Ref', 'sequential_thinking', 'serena', 'docker_expert', 'ref', 'sequential'].map((s) => f.wantsServer(s))).toEqual([true, true, true, false, false, false]);
    expect(f.allows('Ref', 'mcp__Ref__ref_search_documentation')).toBe(true);
    expect(f.allows('docker_expert', 'mcp__docker_expert__check')).toBe(false);
  });

  it('mcp__server covers the whole server; mcp__server__tool one tool; globs after the prefix', () => {
    const f = createMcpToolFilter({ tools: rules('mcp__a', 'mcp__b__one', 'mcp__c__find_*') });
    expect(f.wantsServer('a') && f.wantsServer('b') && f.wantsServer('c')).toBe(true);
    expect(f.allows('a', 'mcp__a__anything')).toBe(true);
    expect(f.allows('b', 'mcp__b__one')).toBe(true);
    expect(f.allows('b', 'mcp__b__two')).toBe(false);
    expect(f.allows('c', 'mcp__c__find_symbol')).toBe(true);
    expect(f.allows('c', 'mcp__c__read_file')).toBe(false);
    expect(f.wantsServer('ab')).toBe(false);
  });

  it('an omitted tools field wants every server; an empty one none', () => {
    expect(createMcpToolFilter({}).wantsServer('x')).toBe(true);
    expect(createMcpToolFilter({ tools: [] }).wantsServer('x')).toBe(false);
    expect(createMcpToolFilter({ tools: rules('Read', 'Grep') }).wantsServer('x')).toBe(false);
  });

  it('disallowedTools and bare deny rules win over tools, at server and tool level', () => {
    const tools = rules('mcp__serena__*', 'mcp__Ref__*', 'mcp__x__*');
    const f = createMcpToolFilter({ tools, disallowedTools: rules('mcp__serena__read_file'), deny: ['mcp__Ref', 'Bash(curl *)', 'mcp__x__*'] });
    expect(f.wantsServer('serena')).toBe(true);
    expect(f.allows('serena', 'mcp__serena__read_file')).toBe(false);
    expect(f.allows('serena', 'mcp__serena__find_symbol')).toBe(true);
    expect(f.wantsServer('Ref')).toBe(false);
    expect(f.wantsServer('x')).toBe(false);
    const all = createMcpToolFilter({ disallowedTools: rules('mcp__*') });
    expect(all.wantsServer('serena')).toBe(false);
    expect(createMcpToolFilter({ deny: ['mcp__serena(*)'] }).wantsServer('serena')).toBe(false);
  });

  it('a scoped deny rule does not remove an MCP tool (the permission gate judges each call)', () => {
    const f = createMcpToolFilter({ deny: ['mcp__s__t(arg)'] });
    expect(f.allows('s', 'mcp__s__t')).toBe(true);
  });

  it('glob characters other than * are literal', () => {
    const f = createMcpToolFilter({ tools: rules('mcp__a.b__*') });
    expect(f.allows('a.b', 'mcp__a.b__t')).toBe(true);
    expect(f.allows('aXb', 'mcp__aXb__t')).toBe(false);
  });
});
