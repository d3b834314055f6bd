/** The one typed event stream of a run, and the result object of CONTRACT.md. */
import type { AssistantMessage, Message, Usage } from './models/types.js';

export type ResultSubtype = 'success' | 'error_max_turns' | 'error_max_budget_usd' | 'error_during_execution' | 'error_no_handoff';

export interface PermissionDenial {
  tool_name: string;
  tool_use_id: string;
  tool_input: unknown;
  reason: string;
}

/** CONTRACT.md `--output-format json`. */
export interface ResultObject {
  type: 'result';
  subtype: ResultSubtype;
  is_error: boolean;
  /** The final text (the handoff summary once the workflow is in place; the error message on failure). */
  result: string;
  session_id: string;
  num_turns: number;
  duration_ms: number;
  model: string;
  usage: Usage;
  total_cost_usd: number;
  permission_denials: PermissionDenial[];
  /** Filled by the workflow; empty for agents without one. */
  workflow: { step: string; status: string; summary: string }[];
  /** The accepted handoff, or null. */
  handoff: Record<string, unknown> | null;
  /** Why the last model response stopped (extension). */
  stop_reason?: string | null;
}

export type AgentEvent =
  | { type: 'init'; session_id: string; agent: string; model: string; tools: string[]; cwd: string; permission_mode: string; session_dir: string }
  | { type: 'text_delta'; text: string }
  | { type: 'assistant'; turn: number; message: AssistantMessage }
  /** The user message sent back: tool results, or a runtime note (max_tokens, workflow reminder). */
  | { type: 'user'; message: Message }
  | { type: 'tool_start'; tool_use_id: string; name: string; input: unknown }
  /** `redacted`: secrets replaced in the result; `exit_code`: a command's (Bash). */
  | { type: 'tool_end'; tool_use_id: string; name: string; duration_ms: number; is_error: boolean; truncated: boolean; redacted?: number; exit_code?: number }
  | { type: 'permission'; tool_use_id: string; tool_name: string; behavior: 'allow' | 'deny'; asked: boolean; reason: string; rule?: string }
  | { type: 'usage'; turn: number; usage: Usage; cost_usd: number; total_usage: Usage; total_cost_usd: number }
  | { type: 'retry'; attempt: number; kind: string; message: string; delay_ms?: number; status?: number }
  | { type: 'notice'; message: string }
  | { type: 'workflow'; step: string; status: string; summary: string }
  /** One Claude Code hook command that ran (agent/hooks): what it was, how it ended, what it decided. */
  | {
      type: 'hook';
      hook_event: string;
      command: string;
      /** Where it was configured: user, project, local (settings files) or agent (the definition). */
      origin: string;
      exit_code: number | null;
      duration_ms: number;
      /** none | block | allow | deny | ask | stop | error | timeout | cancelled */
      decision: string;
      reason?: string;
      tool_name?: string;
      tool_use_id?: string;
      /** Set for hooks that ran inside a Task sub-agent. */
      agent_type?: string;
    }
  | { type: 'result'; result: ResultObject };

export type EventListener = (event: AgentEvent) => void;

/**
 * Fan-out of events: synchronous listeners (renderers) plus an async iterator that buffers from the start of
 * the run, so a consumer that starts iterating late still sees every event.
 */
export class EventStream implements AsyncIterable<AgentEvent> {
  private readonly listeners: EventListener[] = [];
  private readonly buffer: AgentEvent[] = [];
  private waiting: ((r: IteratorResult<AgentEvent>) => void) | undefined;
  private closed = false;
  private iterated = false;

  constructor(private readonly keepForIterator = true) {}

  on(listener: EventListener): void {
    this.listeners.push(listener);
  }

  emit(event: AgentEvent): void {
    for (const l of this.listeners) {
      // A listener that throws (a renderer whose pipe closed) must not take the run down with it.
      try {
        l(event);
      } catch {
        /* the run goes on; its result still comes back */
      }
    }
    if (!this.keepForIterator) return;
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = undefined;
      w({ value: event, done: false });
    } else this.buffer.push(event);
  }

  close(): void {
    this.closed = true;
    if (this.waiting) this.waiting({ value: undefined, done: true });
    this.waiting = undefined;
  }

  [Symbol.asyncIterator](): AsyncIterator<AgentEvent> {
    if (this.iterated) throw new Error('the events of a run can be iterated once');
    this.iterated = true;
    return {
      next: () => {
        const event = this.buffer.shift();
        if (event) return Promise.resolve({ value: event, done: false });
        if (this.closed) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => (this.waiting = resolve));
      },
      return: () => {
        this.buffer.length = 0;
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }
}
