/**
 * Claude Code's hook input (stdin JSON of a PreToolUse / PostToolUse command hook), validated with zod. Unknown fields
 * are kept (Claude Code adds fields between versions); what the decision needs must be there with the right type.
 */
import * as z from 'zod';
import { jsonErrorLine } from '../../permissions/json-error.js';

const ToolCall = z
  .object({
    session_id: z.string().optional(),
    cwd: z.string().min(1),
    permission_mode: z.string().optional(),
    /** Set when the call is made inside a subagent (or the main thread runs as one: `claude --agent NAME`). */
    agent_type: z.string().min(1).optional(),
    tool_name: z.string().min(1),
    tool_input: z.record(z.string(), z.unknown()),
    tool_use_id: z.string().optional(),
  })
  .loose();

export const PreToolUseInput = ToolCall.extend({ hook_event_name: z.literal('PreToolUse') }).loose();
export const PostToolUseInput = ToolCall.extend({ hook_event_name: z.literal('PostToolUse'), tool_response: z.unknown().optional() }).loose();

export type PreToolUseInput = z.infer<typeof PreToolUseInput>;
export type PostToolUseInput = z.infer<typeof PostToolUseInput>;

/** A hook input that cannot be used; the message says where (line of a JSON error, or the field). */
export class HookInputError extends Error {}

/** Parses and validates stdin text; throws HookInputError naming the JSON line or the field that is wrong. */
export function parseHookInput<T extends z.ZodType>(schema: T, text: string): z.infer<T> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new HookInputError(`the hook input on stdin is not JSON (line ${jsonErrorLine(text)}: ${(err as Error).message.split('\n')[0]})`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HookInputError(`the hook input on stdin is not a ${hookName(schema)} input: ${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  }
  return parsed.data;
}

function hookName(schema: z.ZodType): string {
  return schema === (PostToolUseInput as z.ZodType) ? 'PostToolUse' : 'PreToolUse';
}
