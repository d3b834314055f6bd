/**
 * Claude Code's hook input (stdin JSON of a PreToolUse / PostToolUse command hook), validated field by field. Unknown
 * fields are kept (Claude Code adds fields between versions); what the decision needs must be there with the right
 * type. Checked by hand rather than with zod: the hook starts on every tool call and zod was a fifth of the code it
 * loaded; test/claude-hook/input.test.ts holds this to the zod schema it replaced (same verdict, same first message).
 */
import { jsonErrorLine } from '../../permissions/json-error.js';

interface ToolCall {
  session_id?: string;
  cwd: string;
  permission_mode?: string;
  /** Set when the call is made inside a subagent (or the main thread runs as one: `claude --agent NAME`). */
  agent_type?: string;
  tool_name: string;
  tool_input: Record<string, unknown>;
  tool_use_id?: string;
  [field: string]: unknown;
}

export interface PreToolUseInput extends ToolCall {
  hook_event_name: 'PreToolUse';
}
export interface PostToolUseInput extends ToolCall {
  hook_event_name: 'PostToolUse';
  tool_response?: unknown;
}

/** What one field must be: a message (zod's wording) when it is not, else undefined. */
type Check = (value: unknown) => string | undefined;

/** A JSON value's kind as zod names it. */
const kind = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const string = (min = 0): Check => (v) => (typeof v !== 'string' ? `Invalid input: expected string, received ${kind(v)}` : v.length < min ? `Too small: expected string to have >=${min} characters` : undefined);
const record: Check = (v) => (isRecord(v) ? undefined : `Invalid input: expected record, received ${kind(v)}`);
const literal = (expected: string): Check => (v) => (v === expected ? undefined : `Invalid input: expected ${JSON.stringify(expected)}`);
const optional = (check: Check): Check => (v) => (v === undefined ? undefined : check(v));

/** The fields of one event's input, in the order their problems are reported. */
export interface HookInputSchema<T> {
  readonly event: 'PreToolUse' | 'PostToolUse';
  readonly fields: readonly (readonly [string, Check])[];
  /** Type only: what a valid input is. */
  readonly _type?: T;
}

const TOOL_CALL_FIELDS: readonly (readonly [string, Check])[] = [
  ['session_id', optional(string())],
  ['cwd', string(1)],
  ['permission_mode', optional(string())],
  ['agent_type', optional(string(1))],
  ['tool_name', string(1)],
  ['tool_input', record],
  ['tool_use_id', optional(string())],
];

export const PreToolUseInput: HookInputSchema<PreToolUseInput> = { event: 'PreToolUse', fields: [...TOOL_CALL_FIELDS, ['hook_event_name', literal('PreToolUse')]] };
export const PostToolUseInput: HookInputSchema<PostToolUseInput> = { event: 'PostToolUse', fields: [...TOOL_CALL_FIELDS, ['hook_event_name', literal('PostToolUse')]] };

/** A hook input that cannot be used; the message says where (line of a JSON error, or the field). */
export class HookInputError extends Error {}

/** Parses and validates stdin text; throws HookInputError naming the JSON line or the field that is wrong. */
export function parseHookInput<T>(schema: HookInputSchema<T>, text: string): T {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new HookInputError(`the hook input on stdin is not JSON (line ${jsonErrorLine(text)}: ${(err as Error).message.split('\n')[0]})`);
  }
  const problem = (where: string, message: string) => new HookInputError(`the hook input on stdin is not a ${schema.event} input: ${where}: ${message}`);
  if (!isRecord(json)) throw problem('(top level)', `Invalid input: expected object, received ${kind(json)}`);
  for (const [field, check] of schema.fields) {
    const message = check(json[field]);
    if (message !== undefined) throw problem(field, message);
  }
  return json as T;
}
