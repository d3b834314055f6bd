/**
 * A permission `ask` during a task, put to the caller instead of being denied: the run waits (the task is
 * INPUT_REQUIRED, with a data part describing the call) until a message on the task answers
 * `{"approve": true|false, "always"?: true}`, or until the input timeout passes, which ends the task.
 * `always` allows, for the rest of the task, every later call that the narrowest rule for this one would allow.
 */
import type { Message } from '@a2a-js/sdk';
import type { Approver, PermissionDecision, PermissionRequest } from '../permissions/types.js';
import { allowRuleFor } from '../cli/chat/settings-local.js';

/** How long a task waits for an answer before it ends (`--input-timeout`, seconds on the command line). */
export const DEFAULT_INPUT_TIMEOUT_MS = 10 * 60 * 1000;

/** What an INPUT_REQUIRED status carries as its data part. */
export interface ApprovalRequest {
  kind: 'approval';
  tool_use_id: string;
  tool: string;
  input: unknown;
  /** Why it needs approval (the permission check's words). */
  reason: string;
  /** The narrowest allow rule for this call (what `always` adds for the rest of the task); absent when none can describe it. */
  rule?: string;
  /** When the task ends if nobody answers. */
  expires_at: string;
  answer_with: { approve: 'true | false'; always: 'true (optional): allow what `rule` allows for the rest of the task' };
}

export interface Answer {
  approve: boolean;
  always: boolean;
}

type Verdict = Awaited<ReturnType<Approver>>;

export interface CallerApprovalsOptions {
  /** The run's folder: rules name files relative to it. */
  cwd: string;
  timeoutMs: number;
  /** The run now waits for this answer (the task goes INPUT_REQUIRED). */
  onAsk(request: ApprovalRequest): void;
  /** Nobody answered in time: the run is ended by the caller of this hook. */
  onTimeout(request: ApprovalRequest): void;
}

export class CallerApprovals {
  private pending?: { request: ApprovalRequest; resolve: (v: Verdict) => void; timer: NodeJS.Timeout };
  private readonly always = new Set<string>();
  /** Answers given before the run asked (a question put before a restart), by the exact call. */
  private readonly given = new Map<string, { answer: Answer; rule?: string }>();
  private queue: Promise<void> = Promise.resolve();
  private ended = false;

  constructor(private readonly options: CallerApprovalsOptions) {}

  /** The question the run waits on, if any. */
  get waiting(): ApprovalRequest | undefined {
    return this.pending?.request;
  }

  /** Questions are put one at a time, in the order the run asks them. */
  readonly approver: Approver = (req, decision) => {
    const turn = this.queue.then(() => this.ask(req, decision));
    this.queue = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  };

  /** The caller's answer to a question asked before a restart: it applies when the run asks about the same call. */
  answerAhead(question: ApprovalRequest, answer: Answer): void {
    this.given.set(exactKey(question.tool, question.input), { answer, rule: question.rule });
  }

  private ask(req: PermissionRequest, decision: PermissionDecision): Promise<Verdict> {
    if (this.always.has(this.keyOf(req))) return Promise.resolve('allow');
    if (this.ended) return Promise.resolve('cancel');
    const ahead = this.given.get(exactKey(req.toolName, req.input));
    if (ahead) {
      this.given.delete(exactKey(req.toolName, req.input));
      if (ahead.answer.approve && ahead.answer.always) this.always.add(ahead.rule ?? exactKey(req.toolName, req.input));
      return Promise.resolve(ahead.answer.approve ? (ahead.answer.always ? 'always' : 'allow') : 'deny');
    }
    return new Promise<Verdict>((resolve) => {
      const request = describeCall(req, decision, allowRuleFor(req, this.options.cwd), new Date(Date.now() + this.options.timeoutMs));
      const timer = setTimeout(() => {
        this.ended = true;
        this.settle('cancel');
        this.options.onTimeout(request);
      }, this.options.timeoutMs);
      timer.unref();
      this.pending = { request, resolve, timer };
      this.options.onAsk(request);
    });
  }

  /** The caller's answer to the pending question. */
  answer(answer: Answer): void {
    const pending = this.pending;
    if (!pending) return;
    if (answer.approve && answer.always) {
      this.always.add(pending.request.rule ?? exactKey(pending.request.tool, pending.request.input));
    }
    this.settle(answer.approve ? (answer.always ? 'always' : 'allow') : 'deny');
  }

  /** The task ends (cancelled or stopping): the pending question, if any, is answered `cancel`. */
  cancel(): void {
    this.ended = true;
    this.settle('cancel');
  }

  private settle(verdict: Verdict): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    clearTimeout(pending.timer);
    pending.resolve(verdict);
  }

  private keyOf(req: PermissionRequest): string {
    return allowRuleFor(req, this.options.cwd) ?? exactKey(req.toolName, req.input);
  }
}

function exactKey(tool: string, input: unknown): string {
  return `${tool}\0${JSON.stringify(input)}`;
}

function describeCall(req: PermissionRequest, decision: PermissionDecision, rule: string | undefined, expires: Date): ApprovalRequest {
  return {
    kind: 'approval',
    tool_use_id: req.toolUseId,
    tool: req.toolName,
    input: req.input,
    reason: decision.reason,
    ...(rule ? { rule } : {}),
    expires_at: expires.toISOString(),
    answer_with: { approve: 'true | false', always: 'true (optional): allow what `rule` allows for the rest of the task' },
  };
}

/** The answer in a message on an INPUT_REQUIRED task: a data part `{approve: boolean, always?: boolean}`; a string says what is wrong. */
export function readAnswer(message: Message): Answer | string {
  const expected = 'answer with a data part {"approve": true} or {"approve": false} (optionally "always": true to allow the rule for the rest of the task)';
  const answers = message.parts.flatMap((p) => (p.content?.$case === 'data' ? [p.content.value as unknown] : []));
  if (answers.length !== 1) return `the task is waiting for an approval: ${expected}; this message has ${answers.length} data parts`;
  const a = answers[0];
  if (typeof a !== 'object' || a === null || Array.isArray(a)) return `the task is waiting for an approval: ${expected}`;
  const { approve, always, ...rest } = a as Record<string, unknown>;
  if (typeof approve !== 'boolean') return `the task is waiting for an approval: "approve" must be true or false; ${expected}`;
  if (always !== undefined && typeof always !== 'boolean') return `"always" must be true or false when given; ${expected}`;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) return `unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')} in the approval answer; ${expected}`;
  return { approve, always: always === true };
}
