/**
 * The hooks of one run: fires an event's matching commands (runner.ts), reads what they said (contract.ts), records
 * every run as a `hook` event, and plugs into the run through RunHooks (tool calls, turn end, first turn, context
 * clearing, run end) and the approver (Notification). A Task sub-agent gets a session of its own over the same
 * settings hooks plus its definition's, with `agent_type` in every input and its `Stop` fired as `SubagentStop`.
 */
import type { AgentEvent, ResultObject } from '../events.js';
import type { ToolHooks } from '../executor.js';
import type { TurnEndAction } from '../loop.js';
import type { Approver } from '../../permissions/types.js';
import type { RunHooks } from '../run.js';
import type { ToolResult } from '../../tools/tool.js';
import { describeCounts, type Redactor } from '../redaction/index.js';
import type { HookCommand, HookEvent } from './config.js';
import { readVerdict, type HookVerdict } from './contract.js';
import { matcherMatches } from './matcher.js';
import { runHookProcesses } from './runner.js';
import { HANDOFF_TOOL } from '../../handoffs/tools.js';

export interface HookSessionOptions {
  /** Every command that may run (trust already applied), settings first, then the definition's. */
  commands: HookCommand[];
  /** The definition's own commands among them fire `Stop` as `SubagentStop` in a sub-agent. */
  sessionId: string;
  transcriptPath: string;
  /** The project folder: where hooks run, and CLAUDE_PROJECT_DIR. */
  cwd: string;
  env: NodeJS.ProcessEnv;
  permissionMode: string;
  /** The sub-agent's name, for runs started by Task (`agent_type`); undefined for the top-level run. */
  subagent?: string;
  /** SessionStart's `source`. */
  source: 'startup' | 'resume';
  model?: string;
  maxOutputBytes?: number;
  /**
   * What a hook says (a block or deny reason, context, a stop reason, a notice) passes this before it goes anywhere:
   * a hook that prints `docker inspect` or an env file must not carry secrets past the tool redaction. The input a
   * hook rewrites (`updatedInput`) is the tool's input, not output: it is left as it is.
   */
  redactor?: Redactor;
}

interface Fired {
  command: HookCommand;
  verdict: HookVerdict;
}

const REASON_MAX = 500;

export class HookSession {
  private emit: (event: AgentEvent) => void = () => undefined;
  private signal: AbortSignal | undefined;
  private halt: string | undefined;
  private stopHookActive = false;

  constructor(private readonly options: HookSessionOptions) {}

  get empty(): boolean {
    return this.options.commands.length === 0;
  }

  attach(run: { emit: (event: AgentEvent) => void; signal: AbortSignal }): void {
    this.emit = run.emit;
    this.signal = run.signal;
  }

  /** Runs the event's matching commands in parallel and reads each one's verdict. */
  async fire(event: HookEvent, matchValue: string | undefined, fields: Record<string, unknown>, extra: { toolUseId?: string; cancellable?: boolean } = {}): Promise<Fired[]> {
    const commands = this.options.commands.filter((c) => this.firesOn(c, event) && (matchValue === undefined || matcherMatches(c.matcher, matchValue)));
    if (commands.length === 0) return [];
    const input = {
      session_id: this.options.sessionId,
      transcript_path: this.options.transcriptPath,
      cwd: this.options.cwd,
      permission_mode: this.options.permissionMode,
      hook_event_name: event,
      ...(this.options.subagent ? { agent_type: this.options.subagent } : {}),
      ...fields,
    };
    const runs = await runHookProcesses(commands, JSON.stringify(input), {
      cwd: this.options.cwd,
      env: { ...this.options.env, CLAUDE_PROJECT_DIR: this.options.cwd },
      signal: extra.cancellable === false ? undefined : this.signal,
      maxOutputBytes: this.options.maxOutputBytes,
    });
    return runs.map((run) => {
      const command = commands.find((c) => c.command === run.command) as HookCommand;
      const verdict = this.redacted(readVerdict(event, run), event, run.command);
      const reason = verdict.stop ?? verdict.block ?? verdict.permission?.reason;
      this.emit({
        type: 'hook',
        hook_event: event,
        command: run.command,
        origin: command.origin,
        exit_code: run.exitCode,
        duration_ms: run.durationMs,
        decision: verdict.decision,
        ...(reason ? { reason: reason.length > REASON_MAX ? `${reason.slice(0, REASON_MAX)}…` : reason } : {}),
        ...(typeof fields.tool_name === 'string' ? { tool_name: fields.tool_name } : {}),
        ...(extra.toolUseId ? { tool_use_id: extra.toolUseId } : {}),
        ...(this.options.subagent ? { agent_type: this.options.subagent } : {}),
      });
      if (verdict.notice) this.emit({ type: 'notice', message: verdict.notice });
      if (run.outputTruncated) this.emit({ type: 'notice', message: `${event} hook output was cut to ${this.options.maxOutputBytes ?? 'the limit'} bytes: ${run.command}` });
      if (verdict.stop) this.halt ??= `Stopped by a ${event} hook: ${verdict.stop}`;
      return { command, verdict };
    });
  }

  private redacted(verdict: HookVerdict, event: HookEvent, command: string): HookVerdict {
    const redactor = this.options.redactor;
    if (!redactor) return verdict;
    const counts: Record<string, number> = {};
    let total = 0;
    const clean = (text: string): string => {
      const r = redactor.redact(text);
      for (const [kind, n] of Object.entries(r.counts)) counts[kind] = (counts[kind] ?? 0) + n;
      total += r.total;
      return r.text;
    };
    const out: HookVerdict = { ...verdict };
    for (const k of ['block', 'context', 'stop', 'notice'] as const) if (verdict[k] !== undefined) out[k] = clean(verdict[k]);
    if (verdict.permission?.reason !== undefined) out.permission = { ...verdict.permission, reason: clean(verdict.permission.reason) };
    if (total > 0) this.emit({ type: 'notice', message: `redacted ${describeCounts({ text: '', counts, total })} from the output of a ${event} hook (${command})` });
    return out;
  }

  /** PreToolUse before the gate; PostToolUse / PostToolUseFailure after the call. */
  readonly tools: ToolHooks = {
    beforeTool: async (call) => {
      const fired = await this.fire('PreToolUse', call.name, { tool_name: call.name, tool_input: call.input, tool_use_id: call.id }, { toolUseId: call.id });
      const blocks = fired.filter((f) => f.verdict.block !== undefined).map((f) => f.verdict.block as string);
      const asks = fired.filter((f) => f.verdict.permission?.decision === 'ask');
      // Several hooks changing the input: the last one listed wins (the others' changes are not merged).
      const updated = fired.map((f) => f.verdict.updatedInput).filter((u) => u !== undefined).at(-1);
      const context = joined(fired.map((f) => f.verdict.context));
      return {
        input: updated ?? call.input,
        ...(blocks.length ? { deny: `Blocked by a PreToolUse hook: ${blocks.join('\n')}` } : {}),
        ...(asks.length ? { ask: asks.map((a) => a.verdict.permission?.reason ?? `a PreToolUse hook (${a.command.command}) asks for approval`).join('; ') } : {}),
        ...(context ? { context: `PreToolUse hook context: ${context}` } : {}),
      };
    },
    afterTool: async (call, result): Promise<ToolResult> => {
      const failed = result.isError === true;
      const base = { tool_name: call.name, tool_input: call.input, tool_use_id: call.id };
      const fired = failed
        ? await this.fire('PostToolUseFailure', call.name, { ...base, error: result.content, is_interrupt: this.signal?.aborted === true }, { toolUseId: call.id })
        : await this.fire('PostToolUse', call.name, { ...base, tool_response: result.content }, { toolUseId: call.id });
      const event = failed ? 'PostToolUseFailure' : 'PostToolUse';
      const notes = fired.flatMap((f) => [f.verdict.block, f.verdict.context]).filter((t): t is string => !!t);
      if (notes.length === 0) return result;
      return { ...result, content: `${result.content}\n\n${event} hook feedback:\n${notes.join('\n')}` };
    },
  };

  /** The run's hooks with these hooks added around the workflow's (or any other) `base`. */
  wrap(base: RunHooks): RunHooks {
    if (this.empty) return base;
    const stopEvent: HookEvent = this.options.subagent ? 'SubagentStop' : 'Stop';
    return {
      ...base,
      attach: (run) => {
        base.attach?.(run);
        this.attach(run);
      },
      tools: this.tools,
      beforeFirstTurn: async (prompt) => {
        const fromBase = await base.beforeFirstTurn?.(prompt);
        if (fromBase && 'blocked' in fromBase) return fromBase;
        const context = [...(fromBase?.context ?? [])];
        if (!this.options.subagent) {
          const started = await this.fire('SessionStart', this.options.source, { source: this.options.source, ...(this.options.model ? { model: this.options.model } : {}) });
          context.push(...started.map((f) => f.verdict.context).filter((c): c is string => !!c).map((c) => `SessionStart hook context: ${c}`));
          if (prompt.trim()) {
            const submitted = await this.fire('UserPromptSubmit', undefined, { prompt });
            const blocked = submitted.map((f) => f.verdict.block).filter((b): b is string => !!b);
            if (blocked.length) return { blocked: `The prompt was blocked by a UserPromptSubmit hook: ${blocked.join('\n')}` };
            context.push(...submitted.map((f) => f.verdict.context).filter((c): c is string => !!c).map((c) => `UserPromptSubmit hook context: ${c}`));
          }
          if (this.halt) return { blocked: this.halt };
        }
        return { context };
      },
      onTurnEnd: async (info): Promise<TurnEndAction> => {
        const decision = (await base.onTurnEnd?.(info)) ?? { action: 'done' };
        if (decision.action === 'remind') return decision;
        const blocks = await this.stopping(stopEvent, info.text);
        this.stopHookActive = blocks.length > 0 && !this.halt;
        if (!this.stopHookActive) return decision;
        return { action: 'remind', message: `${stopEvent} hook feedback:\n${blocks.join('\n')}` };
      },
      afterTools: async (info) => {
        await base.afterTools?.(info);
        // An accepted Handoff ends the run: the Stop hooks run, but a block cannot reopen what was handed off.
        const handedOff = info.calls.some((c, i) => c.name === HANDOFF_TOOL && info.results[i] && !info.results[i].is_error);
        if (!handedOff) return;
        const blocks = await this.stopping(stopEvent, '');
        if (blocks.length) this.emit({ type: 'notice', message: `a ${stopEvent} hook asked the agent to go on, but its Handoff was already accepted: ${blocks.join('; ')}` });
      },
      beforeClear: async () => {
        await base.beforeClear?.();
        await this.fire('PreCompact', 'auto', { trigger: 'auto', custom_instructions: '' });
      },
      haltReason: () => base.haltReason?.() ?? this.halt,
      afterRun: async (result: ResultObject) => {
        await base.afterRun?.(result);
        if (!this.options.subagent) await this.fire('SessionEnd', 'other', { reason: 'other' }, { cancellable: false });
      },
    };
  }

  /** Fires Notification (`permission_prompt`) alongside each approval question. */
  wrapApprover(approver: Approver | undefined): Approver | undefined {
    if (!approver || this.empty) return approver;
    return async (req, decision) => {
      const notified = this.fire('Notification', 'permission_prompt', {
        message: `docker-expert needs your permission to use ${req.toolName}`,
        notification_type: 'permission_prompt',
      }).catch(() => []);
      try {
        return await approver(req, decision);
      } finally {
        await notified;
      }
    };
  }

  /** Fires Stop (or SubagentStop); the reasons of the hooks that block. */
  private async stopping(event: HookEvent, lastText: string): Promise<string[]> {
    const fired = await this.fire(event, this.options.subagent, { stop_hook_active: this.stopHookActive, last_assistant_message: lastText });
    return fired.map((f) => f.verdict.block).filter((b): b is string => !!b);
  }

  private firesOn(command: HookCommand, event: HookEvent): boolean {
    // A definition's own Stop hooks are its SubagentStop hooks when it runs as a sub-agent; settings' Stop hooks are not.
    if (this.options.subagent && command.origin === 'agent' && command.event === 'Stop') return event === 'SubagentStop';
    if (this.options.subagent && command.event === 'Stop') return false;
    return command.event === event;
  }
}

function joined(parts: (string | undefined)[]): string {
  return parts.filter((p): p is string => !!p).join('\n');
}
