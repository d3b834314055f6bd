import type { ToolRule } from './types.js';

/** Tools this runtime provides, by the names the model sees. `Agent` is Claude Code's newer name for `Task`. */
export const RUNTIME_TOOLS = ['Read', 'Write', 'Edit', 'MultiEdit', 'Grep', 'Glob', 'Bash', 'Task'] as const;

/** Claude Code tools a definition may name that this runtime does not provide: a warning, not an error. */
export const CLAUDE_CODE_ONLY_TOOLS = new Set([
  'WebFetch', 'WebSearch', 'NotebookEdit', 'NotebookRead', 'TodoWrite', 'TodoRead', 'BashOutput', 'KillShell', 'KillBash',
  'LS', 'ExitPlanMode', 'EnterPlanMode', 'SlashCommand', 'Skill', 'AskUserQuestion', 'PowerShell', 'Monitor', 'TaskOutput',
  'TaskStop', 'SendMessage', 'ToolSearch', 'EnterWorktree', 'ExitWorktree', 'Artifact',
]);

const ALIASES: Record<string, string> = { Agent: 'Task' };
const MCP_NAME = /^mcp__[A-Za-z0-9_-]+?(?:__(?:\*|[A-Za-z0-9_.-]+))?$|^mcp__\*$/;
const WITH_SPECIFIER = new Set(['Bash', 'Read', 'Write', 'Edit', 'MultiEdit', 'Grep', 'Glob', 'Task', 'WebFetch']);

export interface EntryProblem {
  entry: string;
  message: string;
  fatal: boolean;
}

/** Splits a `tools` string on commas outside parentheses (`Agent(a, b)` is one entry). */
export function splitToolList(value: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of value) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((s) => s.trim()).filter((s) => s.length > 0);
}

/** Parses one entry (`Read`, `Bash(docker:*)`, `mcp__Ref__*`, `*`) into a rule, or says what is wrong with it. */
export function parseToolEntry(raw: string): { rule?: ToolRule; problem?: EntryProblem } {
  const entry = raw.trim();
  if (entry === '*') return { rule: { tool: '*', raw: entry } };
  if (entry.startsWith('mcp__')) {
    if (!MCP_NAME.test(entry)) return { problem: { entry, fatal: true, message: `'${entry}' is not an MCP tool name (mcp__<server>, mcp__<server>__*, mcp__<server>__<tool>)` } };
    return { rule: { tool: entry, raw: entry } };
  }
  const m = /^([A-Za-z][A-Za-z0-9]*)(?:\((.*)\))?$/s.exec(entry);
  if (!m) return { problem: { entry, fatal: true, message: `'${entry}' is not a tool entry (expected Name or Name(specifier))` } };
  const name = ALIASES[m[1]] ?? m[1];
  const specifier = m[2]?.trim();
  if (!(RUNTIME_TOOLS as readonly string[]).includes(name)) {
    if (CLAUDE_CODE_ONLY_TOOLS.has(name)) {
      return { problem: { entry, fatal: false, message: `'${name}' is a Claude Code tool this runtime does not provide; ignored` } };
    }
    return { problem: { entry, fatal: true, message: `unknown tool '${m[1]}' (known: ${RUNTIME_TOOLS.join(', ')}, Agent, mcp__<server>__<tool>)` } };
  }
  if (m[2] !== undefined) {
    if (!specifier) return { problem: { entry, fatal: true, message: `'${entry}' has an empty specifier` } };
    if (!WITH_SPECIFIER.has(name)) return { problem: { entry, fatal: true, message: `'${name}' takes no specifier` } };
  }
  return { rule: specifier ? { tool: name, specifier, raw: entry } : { tool: name, raw: entry } };
}
