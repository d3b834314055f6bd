/**
 * The tools the model sees: exactly those the definition allows. A tool that is not listed does not exist for
 * the model (it is not offered, and a call to it gets "no such tool"). Specifiers such as `Bash(docker:*)` do
 * not filter here: they are permission rules, enforced by the gate on every call.
 */
import * as z from 'zod';
import type { ToolRule } from './definition/types.js';
import type { ToolSpec } from './models/types.js';
import { bashTool } from '../tools/bash/index.js';
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
  /** A further say on candidates (the permission gate's: a bare `--deny Write` removes Write). */
  visible?: (toolName: string) => boolean;
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
    (t) =>
      (allowedNames === undefined || allowedNames.some((n) => ruleMatches(n, t.name))) &&
      !removed.some((n) => ruleMatches(n, t.name)) &&
      (input.visible?.(t.name) ?? true),
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

/** Tools share their schemas across runs (module constants): convert each once per process. */
const jsonSchemas = new WeakMap<z.ZodType, Record<string, unknown>>();

function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  let converted = jsonSchemas.get(schema);
  if (!converted) jsonSchemas.set(schema, (converted = convertSchema(schema)));
  return converted;
}

function convertSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { target: 'draft-7', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest.type === 'object' ? rest : { type: 'object', properties: {}, ...rest };
}

export interface BuiltinToolsOptions {
  /** The project: Bash classifies commands (read-only or not) against it. */
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Only tools this says yes to are built (Bash loads its parser as soon as it exists). */
  wanted?: (toolName: string) => boolean;
  /** `--max-write-bytes` (default WRITE_MAX_BYTES). */
  maxWriteBytes?: number;
}

/** The built-in tools (Read, Write, Edit, MultiEdit, Grep, Glob, Bash), each still subject to the definition's list. */
export function builtinTools(options: BuiltinToolsOptions): Tool[] {
  const wanted = options.wanted ?? (() => true);
  const tools = fsTools({ maxWriteBytes: options.maxWriteBytes }).filter((t) => wanted(t.name));
  if (wanted('Bash')) tools.push(bashTool({ cwd: options.cwd, env: options.env }));
  return tools;
}

/** Whether a definition's `tools` (undefined = all) names this tool. */
export function listedBy(allowed: ToolRule[] | undefined, toolName: string): boolean {
  return allowed === undefined || allowed.some((r) => ruleMatches(r.tool, toolName));
}
