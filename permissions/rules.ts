import { cachedRegExp } from './regexp-cache.js';

export type RuleBehavior = 'allow' | 'ask' | 'deny';

/** Where a rule came from; `trusted` sources may also open host escapes, secret reads, guarded writes and outside paths. */
export interface RuleSource {
  /** How messages name it: `--allow`, `.claude/settings.json`, `the definition's tools`, ... */
  label: string;
  trusted: boolean;
  /** `Read(/x)` / `Edit(/x)` patterns are relative to this folder. */
  root: string;
}

/** A permission rule in Claude Code syntax, parsed. */
export interface PermissionRule {
  behavior: RuleBehavior;
  /** Canonical tool name (`Agent` folds into `Task`), an MCP name, or a tool-name glob (`*`, `mcp__*`). */
  tool: string;
  /** The text inside the parentheses; undefined for a bare tool name (and for `Tool(*)`, which is the same thing). */
  specifier?: string;
  /** The rule as written. */
  raw: string;
  source: RuleSource;
}

export class RuleSyntaxError extends Error {}

const TOOL_ALIASES: Record<string, string> = { Agent: 'Task' };
const TOOL_NAME = /^(?:[A-Za-z][A-Za-z0-9_]*|mcp__[A-Za-z0-9_*-]+(?:__[A-Za-z0-9_.*-]+)?|\*)$/;

/** Parses `Tool`, `Tool(specifier)`, `mcp__server`, `mcp__server__*`, `mcp__server__tool`; throws RuleSyntaxError. */
export function parseRule(raw: string, behavior: RuleBehavior, source: RuleSource): PermissionRule {
  const text = raw.trim();
  const open = text.indexOf('(');
  let name = text;
  let specifier: string | undefined;
  if (open >= 0) {
    if (!text.endsWith(')')) throw new RuleSyntaxError(`'${raw}': a rule with '(' must end with ')'`);
    name = text.slice(0, open);
    specifier = text.slice(open + 1, -1).trim();
    if (specifier === '') throw new RuleSyntaxError(`'${raw}': empty parentheses (write the bare tool name)`);
    if (specifier === '*') specifier = undefined;
  }
  if (!TOOL_NAME.test(name)) throw new RuleSyntaxError(`'${raw}': '${name}' is not a tool name`);
  if (name.includes('*') && behavior === 'allow' && !/^mcp__[A-Za-z0-9_-]+__\*$/.test(name)) {
    throw new RuleSyntaxError(`'${raw}': an allow rule may use '*' in the tool name only as mcp__<server>__*`);
  }
  if (name.startsWith('mcp__') && specifier !== undefined) throw new RuleSyntaxError(`'${raw}': MCP rules take no specifier`);
  return { behavior, tool: TOOL_ALIASES[name] ?? name, specifier, raw: text, source };
}

/** Whether a rule's tool part names `toolName` (`mcp__srv` and `mcp__srv__*` cover every tool of server srv). */
export function ruleNamesTool(ruleTool: string, toolName: string): boolean {
  const tool = TOOL_ALIASES[toolName] ?? toolName;
  if (ruleTool === tool) return true;
  if (ruleTool.startsWith('mcp__') && !ruleTool.slice(5).includes('__') && !ruleTool.includes('*')) {
    return tool.startsWith(`${ruleTool}__`);
  }
  if (ruleTool.includes('*')) return cachedRegExp(`tool\0${ruleTool}`, () => globToRegExp(ruleTool)).test(tool);
  return false;
}

/** `*` matches any run of characters; everything else is literal. */
function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${glob.split('*').map(escapeRegExp).join('.*')}$`);
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Tools whose path rules Claude Code accepts but never consults (use Read(...) and Edit(...)). */
export const PATH_RULES_NEVER_CONSULTED = new Set(['Write', 'MultiEdit', 'Glob', 'Grep', 'NotebookEdit']);

/** Which rule tool governs a file tool's path: Read rules cover Read/Grep/Glob, Edit rules cover every edit tool. */
export function pathRuleTool(toolName: string): 'Read' | 'Edit' | undefined {
  if (toolName === 'Read' || toolName === 'Grep' || toolName === 'Glob') return 'Read';
  if (toolName === 'Edit' || toolName === 'Write' || toolName === 'MultiEdit' || toolName === 'NotebookEdit') return 'Edit';
  return undefined;
}
