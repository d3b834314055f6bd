import { TERMINAL } from '../agent/definition/routing.js';
import type { HandoffInput, OpenTask, StepRecord, WorkflowStepInput } from './schemas.js';
import { STEPS, type StepName } from './steps.js';

/** How many times a turn that ends without a Handoff is answered with a reminder before the run fails. */
export const DEFAULT_MAX_HANDOFF_REMINDERS = 2;

export type Verdict = { ok: true; message: string } | { ok: false; error: string };
export type TurnEndAction = { action: 'done' } | { action: 'remind'; message: string } | { action: 'fail'; message: string };

/**
 * The five steps as runtime state: steps are recorded in order, a skip needs a reason, and a Handoff is accepted only
 * once every step is done or skipped. Pure logic; the tools and the loop hooks in this folder drive it.
 */
export class Workflow {
  readonly steps: StepRecord[] = [];
  handoff?: HandoffInput;
  private reminders = 0;

  constructor(
    readonly targets: readonly string[],
    readonly maxReminders = DEFAULT_MAX_HANDOFF_REMINDERS,
  ) {}

  /** The step the agent is in: the first one not yet done or skipped (undefined once all five are). */
  get current(): StepName | undefined {
    return STEPS[this.steps.length];
  }

  get missing(): StepName[] {
    return STEPS.slice(this.steps.length);
  }

  recordStep(input: WorkflowStepInput): Verdict {
    if (this.handoff) return { ok: false, error: 'The run has already handed off; no further steps are recorded.' };
    const done = this.steps.find((s) => s.step === input.step);
    if (done) return { ok: false, error: `Step '${input.step}' is already ${done.status}. The current step is ${this.current ?? 'none: call Handoff'}.` };
    if (input.step !== this.current) {
      return {
        ok: false,
        error: `Step '${input.step}' is out of order: the current step is '${this.current}'. Steps go ${STEPS.join(' -> ')}; finish '${this.current}' with WorkflowStep (status 'done', or 'skipped' with the reason in summary) first.`,
      };
    }
    if (input.summary.trim() === '') {
      return {
        ok: false,
        error: input.status === 'skipped'
          ? `Skipping '${input.step}' needs the reason in summary (why this step does not apply to the task).`
          : `Step '${input.step}' needs a summary of what it found or did.`,
      };
    }
    this.steps.push({ step: input.step, status: input.status, summary: input.summary.trim() });
    const next = this.current;
    return { ok: true, message: next ? `Step '${input.step}' recorded as ${input.status}. Current step: '${next}'.` : `Step '${input.step}' recorded as ${input.status}. All five steps are recorded: call Handoff now.` };
  }

  checkHandoff(input: HandoffInput): Verdict {
    if (this.handoff) return { ok: false, error: 'A Handoff was already accepted.' };
    if (!this.targets.includes(input.to)) {
      return { ok: false, error: `Unknown handoff target '${input.to}': this agent hands off to ${this.targets.join(' or ')} ('${TERMINAL}' returns the report to the caller).` };
    }
    if (this.missing.length > 0) {
      return {
        ok: false,
        error: `Handoff refused: these steps are not done or skipped yet: ${this.missing.join(', ')}. Call WorkflowStep for each in order (status 'skipped' with the reason in summary if it does not apply), then Handoff.`,
      };
    }
    if (input.to !== TERMINAL) {
      const problem = checkOpenTasks(input.open_tasks ?? []);
      if (problem) return { ok: false, error: `Handoff to '${input.to}' refused: ${problem}` };
    }
    return { ok: true, message: `Handoff to '${input.to}' accepted.` };
  }

  accept(input: HandoffInput): void {
    this.handoff = input;
  }

  /** Called when the model ends a turn without tool calls: remind it (at most maxReminders times), then fail. */
  onTurnEnd(): TurnEndAction {
    if (this.handoff) return { action: 'done' };
    const what = this.missing.length > 0
      ? `the steps ${this.missing.join(', ')} (WorkflowStep, in order) and then a Handoff`
      : 'a Handoff (every step is recorded)';
    if (this.reminders >= this.maxReminders) {
      return { action: 'fail', message: `The agent ended its turn ${this.reminders + 1} times without a Handoff; still missing: ${what}.` };
    }
    this.reminders++;
    return {
      action: 'remind',
      message: `You ended your turn without handing off. Still missing: ${what}. Finish them now; Handoff's 'to' is one of: ${this.targets.join(', ')}.`,
    };
  }
}

function checkOpenTasks(tasks: OpenTask[]): string | undefined {
  if (tasks.length === 0) return "it must carry open_tasks ({id, agent, description, dependencies, context}) for the orchestrator to schedule; hand off to 'terminal' when nothing is left.";
  const ids = new Set<string>();
  for (const t of tasks) {
    if (ids.has(t.id)) return `open_tasks has the id '${t.id}' twice.`;
    ids.add(t.id);
  }
  for (const t of tasks) {
    const unknown = t.dependencies.find((d) => !ids.has(d));
    if (unknown) return `open task '${t.id}' depends on '${unknown}', which is not in open_tasks.`;
    if (t.dependencies.includes(t.id)) return `open task '${t.id}' depends on itself.`;
  }
  const blocked = blockedTasks(tasks);
  if (blocked.length > 0) return `open tasks ${blocked.join(', ')} can never start: their dependencies go round in a cycle.`;
  return undefined;
}

/** Tasks that never become ready when each starts once all its dependencies are done (a cycle, or one behind it). */
function blockedTasks(tasks: OpenTask[]): string[] {
  const done = new Set<string>();
  let progress = true;
  while (progress) {
    progress = false;
    for (const t of tasks) {
      if (!done.has(t.id) && t.dependencies.every((d) => done.has(d))) {
        done.add(t.id);
        progress = true;
      }
    }
  }
  return tasks.filter((t) => !done.has(t.id)).map((t) => t.id);
}
