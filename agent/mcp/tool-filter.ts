/**
 * Which MCP servers to start and which of their tools the model sees, from the definition's `tools` /
 * `disallowedTools` and the permission deny rules. Forms (Claude Code's): `mcp__server` and `mcp__server__*`
 * cover a server, `mcp__server__tool` one tool, `*` a glob anywhere (`mcp__*` every server).
 * A tool name can be ambiguous when a server name itself holds `__`: we match the full name, as Claude Code does.
 */
import type { ToolRule } from '../definition/types.js';

export interface McpToolFilter {
  /** True when this server may contribute at least one tool: only those servers are started. */
  wantsServer(server: string): boolean;
  /** True when the model may see this tool (`fullName` is `mcp__<server>__<tool>`). */
  allows(server: string, fullName: string): boolean;
}

export interface ToolFilterInput {
  /** The definition's `tools`; undefined means every tool (Claude Code: an omitted `tools` inherits all MCP tools). */
  tools?: ToolRule[];
  disallowedTools?: ToolRule[];
  /** Permission deny rules as written (`mcp__serena`, `mcp__*`, `Bash(curl *)`...); only bare tool names remove tools. */
  deny?: string[];
}

export function createMcpToolFilter(input: ToolFilterInput): McpToolFilter {
  const allow = input.tools === undefined ? undefined : input.tools.filter(isBareRule).map((r) => r.tool).filter(isMcpPattern);
  const deny = [
    ...(input.disallowedTools ?? []).filter(isBareRule).map((r) => r.tool),
    ...(input.deny ?? []).map(bareDenyName).filter((n): n is string => n !== undefined),
  ].filter(isMcpPattern);
  const denyGlobs = deny.map(globToRegExp);
  const allowGlobs = allow?.map(globToRegExp);

  const coversServer = (pattern: string, server: string) =>
    pattern === `mcp__${server}` || (pattern.endsWith('*') && `mcp__${server}__`.startsWith(pattern.slice(0, -1)));
  const mayReachServer = (pattern: string, server: string) => {
    if (pattern === `mcp__${server}`) return true;
    const literal = pattern.split('*')[0]!;
    const prefix = `mcp__${server}__`;
    return pattern.includes('*') ? prefix.startsWith(literal) || literal.startsWith(prefix) : pattern.startsWith(prefix);
  };
  const matches = (pattern: string, glob: RegExp, server: string, fullName: string) =>
    pattern === `mcp__${server}` || glob.test(fullName);

  return {
    wantsServer(server) {
      if (deny.some((p) => coversServer(p, server))) return false;
      return allow === undefined || allow.some((p) => mayReachServer(p, server));
    },
    allows(server, fullName) {
      if (deny.some((p, i) => matches(p, denyGlobs[i]!, server, fullName))) return false;
      return allow === undefined || allow.some((p, i) => matches(p, allowGlobs![i]!, server, fullName));
    },
  };
}

/** MCP tools take no specifier: a rule with one (other than `(*)`) cannot name an MCP tool. */
function isBareRule(rule: ToolRule): boolean {
  return rule.specifier === undefined || rule.specifier === '*';
}

function isMcpPattern(name: string): boolean {
  return name.startsWith('mcp__') || name === '*';
}

/** `mcp__x` and `mcp__x(*)` are bare names; `Tool(specifier)` is a scoped rule the permission gate applies per call. */
function bareDenyName(rule: string): string | undefined {
  const trimmed = rule.trim();
  const open = trimmed.indexOf('(');
  if (open === -1) return trimmed;
  return trimmed.slice(open) === '(*)' ? trimmed.slice(0, open) : undefined;
}

function globToRegExp(pattern: string): RegExp {
  const body = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${body}$`);
}
