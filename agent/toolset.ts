/**
 * The tools the model sees: exactly those the definition allows. A tool that is not listed does not exist for
 * the model (it is not offered, and a call to it gets "no such tool"). Specifiers such as `Bash(docker:*)` do
 * not filter here: they are permission rules, enforced by the gate on every call.
 */
import { z } from 'zod';
import type { ToolRule } from './definition/types.js';
import type { ToolSpec } from './models/types.js';
import { fsTools } from '../tools/fs/index.js';
import type { Tool } from '../tools/tool.js';

export interface ToolsetInput {
  /** The definition's `tools` (undefined = every tool) and `disallowedTools`. */
  allowed: ToolRule[] | undefined;
  disallowed: ToolRule[];
  /** Tools subject to the definition's list: built-ins, MCP tools, Task. */
  candidates: Tool[];
  /** Runtime tools every agent with a workflow gets (WorkflowStep, Handoff), whatever its list says. */
  runtime?: Tool[];
}

export interface Toolset {
  tools: Tool[];
  byName: Map<string, Tool>;
  /** What the API gets, built once per run so it stays byte-identical across turns. */
  specs: ToolSpec[];
  /** Entries of the definition's `tools` that matched no available tool (an MCP server not configured, ...). */
  unresolved: string[];
}

/** `Read`, `*`, `mcp__Ref__*`, `mcp__Ref` (a whole server), `mcp__*` (every server). */
export function ruleMatches(rule: string, toolName: string): boolean {
  if (rule === '*' || rule === toolName) return true;
  if (rule.endsWith('*')) return toolName.startsWith(rule.slice(0, -1));
  if (rule.startsWith('mcp__') && !rule.slice(5).includes('__')) return toolName.startsWith(`${rule}__`);
  return false;
}

export function buildToolset(input: ToolsetInput): Toolset {
  const removed = input.disallowed.filter((r) => r.specifier === undefined).map((r) => r.tool);
  const allowedNames = input.allowed?.map((r) => r.tool);
  const picked = input.candidates.filter(
    (t) => (allowedNames === undefined || allowedNames.some((n) => ruleMatches(n, t.name))) && !removed.some((n) => ruleMatches(n, t.name)),
  );
  const tools: Tool[] = [];
  const byName = new Map<string, Tool>();
  for (const t of [...picked, ...(input.runtime ?? [])]) {
    if (byName.has(t.name)) continue;
    byName.set(t.name, t);
    tools.push(t);
  }
  const unresolved = (input.allowed ?? []).filter((r) => !input.candidates.some((t) => ruleMatches(r.tool, t.name))).map((r) => r.raw);
  return { tools, byName, specs: tools.map(toolSpec), unresolved: [...new Set(unresolved)] };
}

export function toolSpec(tool: Tool): ToolSpec {
  const raw = (tool as { jsonSchema?: Record<string, unknown> }).jsonSchema;
  return { name: tool.name, description: tool.description, input_schema: raw ?? jsonSchemaOf(tool.inputSchema) };
}

function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { target: 'draft-7', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest.type === 'object' ? rest : { type: 'object', properties: {}, ...rest };
}

/** The built-in tools, each subject to the definition's list: the file tools now; Bash and Task join when they land. */
export function builtinTools(): Tool[] {
  return fsTools();
}
