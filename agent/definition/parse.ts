import type { Document } from 'yaml';
import { lazyYaml } from '../lazy-modules.js';
import * as z from 'zod';
import { DefinitionError } from './errors.js';
import { decodeDefinition, DEFAULT_MAX_DEFINITION_BYTES, splitFrontmatter } from './frontmatter.js';
import { parseRouting } from './routing.js';
import { parseToolEntry, splitToolList } from './tool-entries.js';
import type { AgentDefinition, ToolRule } from './types.js';

const toolList = z.union([z.string(), z.array(z.string())]);
const stringList = z.union([z.string(), z.array(z.string())]);

/** Claude Code's frontmatter fields (claude-code-format.md §2.2). */
const FIELDS = {
  name: z.string().min(1),
  description: z.string().min(1),
  tools: toolList,
  disallowedTools: toolList,
  model: z.string().min(1),
  permissionMode: z.enum(['default', 'acceptEdits', 'auto', 'dontAsk', 'bypassPermissions', 'plan', 'manual']),
  maxTurns: z.number().int().positive(),
  mcpServers: z.array(z.union([z.string(), z.record(z.string(), z.unknown())])),
  skills: stringList,
  hooks: z.record(z.string(), z.unknown()),
  memory: z.enum(['user', 'project', 'local']),
  effort: z.enum(['low', 'medium', 'high', 'xhigh', 'max']),
  background: z.boolean(),
  isolation: z.literal('worktree'),
  initialPrompt: z.string(),
  color: z.string(),
} as const;
type FieldName = keyof typeof FIELDS;

export interface ParseOptions {
  maxBytes?: number;
}

/** Parses one definition file's bytes; throws DefinitionError naming file:line on anything unusable. */
export function parseDefinition(file: string, bytes: Uint8Array, opts: ParseOptions = {}): AgentDefinition {
  const text = decodeDefinition(file, bytes, opts.maxBytes ?? DEFAULT_MAX_DEFINITION_BYTES);
  const split = splitFrontmatter(file, text);
  const { LineCounter, isMap, parseDocument } = lazyYaml();
  const lineCounter = new LineCounter();
  const doc = parseDocument(split.yaml, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const lineOf = (offset: number) => split.yamlStartLine - 1 + lineCounter.linePos(offset).line;
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    throw new DefinitionError(file, lineOf(e.pos[0]), `invalid YAML in frontmatter: ${e.message.split('\n')[0]}`);
  }
  if (!isMap(doc.contents)) throw new DefinitionError(file, split.yamlStartLine, 'the frontmatter must be a YAML mapping of fields');

  const keyLine = keyLines(doc, lineOf);
  const data = doc.toJS() as Record<string, unknown>;
  const warnings: string[] = [];
  const extra: Record<string, unknown> = {};
  const fields: Partial<Record<FieldName, unknown>> = {};
  for (const [key, value] of Object.entries(data)) {
    const line = keyLine.get(key) ?? split.yamlStartLine;
    if (!(key in FIELDS)) {
      extra[key] = value;
      warnings.push(`${file}:${line}: unknown field '${key}' kept but not used`);
      continue;
    }
    const parsed = FIELDS[key as FieldName].safeParse(value);
    if (!parsed.success) {
      throw new DefinitionError(file, line, `field '${key}': ${parsed.error.issues[0]?.message ?? 'invalid value'} (got ${describe(value)})`);
    }
    fields[key as FieldName] = parsed.data;
  }
  for (const req of ['name', 'description'] as const) {
    if (fields[req] === undefined) throw new DefinitionError(file, split.yamlStartLine, `missing required field '${req}'`);
  }
  const name = fields.name as string;
  if (name.includes(':') || name.startsWith('-')) {
    throw new DefinitionError(file, keyLine.get('name')!, `name '${name}' may not contain ':' or start with '-'`);
  }
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) {
    warnings.push(`${file}:${keyLine.get('name')}: name '${name}' is not lowercase letters, digits and hyphens as Claude Code expects`);
  }
  const description = fields.description as string;
  const toolRules = (key: 'tools' | 'disallowedTools') =>
    fields[key] === undefined ? undefined : toRules(file, keyLine.get(key)!, fields[key] as string | string[], warnings);

  const definition: AgentDefinition = {
    name,
    description,
    tools: toolRules('tools'),
    disallowedTools: toolRules('disallowedTools') ?? [],
    body: split.body,
    routing: parseRouting(description),
    file,
    extra,
    warnings,
  };
  assignOptional(definition, fields);
  if (definition.tools?.some((r) => r.tool === '*')) definition.tools = undefined;
  return definition;
}

function assignOptional(def: AgentDefinition, f: Partial<Record<FieldName, unknown>>): void {
  const d = def as unknown as Record<string, unknown>;
  for (const key of ['model', 'permissionMode', 'maxTurns', 'mcpServers', 'hooks', 'memory', 'effort', 'background', 'isolation', 'initialPrompt', 'color'] as const) {
    if (f[key] !== undefined) d[key] = f[key];
  }
  if (f.skills !== undefined) def.skills = typeof f.skills === 'string' ? splitToolList(f.skills) : (f.skills as string[]);
}

function toRules(file: string, line: number, value: string | string[], warnings: string[]): ToolRule[] {
  const entries = typeof value === 'string' ? splitToolList(value) : value.flatMap((v) => splitToolList(v));
  const rules: ToolRule[] = [];
  for (const entry of entries) {
    const { rule, problem } = parseToolEntry(entry);
    if (problem?.fatal) throw new DefinitionError(file, line, problem.message);
    if (problem) warnings.push(`${file}:${line}: ${problem.message}`);
    if (rule && !rules.some((r) => r.raw === rule.raw)) rules.push(rule);
  }
  return rules;
}

function keyLines(doc: Document, lineOf: (offset: number) => number): Map<string, number> {
  const { isMap, isScalar } = lazyYaml();
  const lines = new Map<string, number>();
  if (!isMap(doc.contents)) return lines;
  for (const pair of doc.contents.items) {
    if (isScalar(pair.key) && pair.key.range) lines.set(String(pair.key.value), lineOf(pair.key.range[0]));
  }
  return lines;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'a mapping' : `${typeof value} ${JSON.stringify(value).slice(0, 40)}`;
}
