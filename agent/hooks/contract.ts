/**
 * What a hook's exit code and output mean, per Claude Code's contract: exit 0 = success (stdout JSON read when it is
 * JSON), exit 2 = block (stderr is the reason), any other code = a non-blocking error. JSON output is checked with zod;
 * output that is not the documented shape is a non-blocking error, never a decision.
 */
import * as z from 'zod';
import type { HookEvent } from './config.js';
import type { HookProcessRun } from './runner.js';

const hookOutput = z
  .object({
    continue: z.boolean().optional(),
    stopReason: z.string().optional(),
    suppressOutput: z.boolean().optional(),
    systemMessage: z.string().optional(),
    decision: z.enum(['approve', 'block', 'allow', 'deny']).optional(),
    reason: z.string().optional(),
    hookSpecificOutput: z
      .object({
        hookEventName: z.string().optional(),
        permissionDecision: z.enum(['allow', 'deny', 'ask']).optional(),
        permissionDecisionReason: z.string().optional(),
        updatedInput: z.record(z.string(), z.unknown()).optional(),
        additionalContext: z.string().optional(),
      })
      .loose()
      .optional(),
  })
  .loose();

/** Events whose plain (non-JSON) stdout on exit 0 is context for the model. */
const STDOUT_IS_CONTEXT: ReadonlySet<HookEvent> = new Set(['UserPromptSubmit', 'SessionStart']);

/** One hook run, read. */
export interface HookVerdict {
  /** exit 2, `decision: "block"`, or PreToolUse `permissionDecision: "deny"`: the reason. */
  block?: string;
  /** PreToolUse only. */
  permission?: { decision: 'allow' | 'deny' | 'ask'; reason?: string };
  updatedInput?: Record<string, unknown>;
  context?: string;
  /** `continue: false`: the run stops, with this reason. */
  stop?: string;
  /** For a person (stderr of a non-blocking error, a timeout, `systemMessage`). */
  notice?: string;
  /** What the event records: none | block | allow | deny | ask | stop | error | timeout | cancelled. */
  decision: string;
}

export function readVerdict(event: HookEvent, run: HookProcessRun): HookVerdict {
  if (run.cancelled) return { decision: 'cancelled' };
  if (run.timedOut) return { decision: 'timeout', notice: `${event} hook timed out after ${(run.durationMs / 1000).toFixed(1)} s and was killed: ${run.command}` };
  if (run.spawnError) return { decision: 'error', notice: `${event} hook could not start (${run.spawnError}): ${run.command}` };
  if (run.exitCode === 2) return { decision: 'block', block: run.stderr.trim() || `blocked by a ${event} hook (exit 2, no message)` };
  if (run.exitCode !== 0) {
    return { decision: 'error', notice: `${event} hook exited ${run.exitCode}${firstLine(run.stderr) ? `: ${firstLine(run.stderr)}` : ''} (${run.command})` };
  }
  const text = run.stdout.trim();
  if (!text.startsWith('{')) return { decision: 'none', ...(text && STDOUT_IS_CONTEXT.has(event) ? { context: text } : {}) };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { decision: 'error', notice: `${event} hook printed invalid JSON (${(err as Error).message.split('\n')[0]}): ${run.command}` };
  }
  const parsed = hookOutput.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { decision: 'error', notice: `${event} hook output ignored: ${issue.path.join('.') || '(top level)'}: ${issue.message} (${run.command})` };
  }
  return fromJson(event, parsed.data);
}

function fromJson(event: HookEvent, out: z.infer<typeof hookOutput>): HookVerdict {
  const v: HookVerdict = { decision: 'none' };
  const specific = out.hookSpecificOutput;
  if (out.systemMessage) v.notice = out.systemMessage;
  if (specific?.additionalContext) v.context = specific.additionalContext;
  if (event === 'PreToolUse') {
    // The older top-level `decision: approve|block` means allow|deny; hookSpecificOutput wins when both are there.
    const legacy = out.decision === 'approve' || out.decision === 'allow' ? 'allow' : out.decision === 'block' || out.decision === 'deny' ? 'deny' : undefined;
    const decision = specific?.permissionDecision ?? legacy;
    if (decision) {
      const reason = specific?.permissionDecisionReason ?? out.reason;
      v.permission = { decision, ...(reason ? { reason } : {}) };
      v.decision = decision;
      if (decision === 'deny') v.block = reason || 'denied by a PreToolUse hook';
    }
    if (specific?.updatedInput) v.updatedInput = specific.updatedInput;
  } else if (out.decision === 'block') {
    v.decision = 'block';
    v.block = out.reason || `blocked by a ${event} hook`;
  }
  if (out.continue === false) {
    v.decision = 'stop';
    v.stop = out.stopReason || `a ${event} hook stopped the run`;
  }
  return v;
}

function firstLine(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}
