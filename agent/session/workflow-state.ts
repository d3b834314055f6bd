/**
 * The workflow's recorded steps, recovered from a conversation: WorkflowStep calls that succeeded since the last
 * accepted Handoff. A new task starts a fresh workflow once the previous one handed off; until then a user message
 * continues the same workflow.
 */
import path from 'node:path';
import { HANDOFF_TOOL, WORKFLOW_STEP_TOOL } from '../../handoffs/tools.js';
import { workflowStepInput, type WorkflowStepInput } from '../../handoffs/schemas.js';
import type { Workflow } from '../../handoffs/workflow.js';
import type { Message, ToolResultBlock, ToolUseBlock } from '../models/types.js';

interface Answered {
  call: ToolUseBlock;
  ok: boolean;
}

/** Every tool call of the conversation with whether its result was a success, in order. */
function answeredCalls(messages: Message[]): Answered[] {
  const results = new Map<string, ToolResultBlock>();
  for (const m of messages) {
    if (m.role !== 'user' || typeof m.content === 'string') continue;
    for (const b of m.content) if (b.type === 'tool_result') results.set(b.tool_use_id, b);
  }
  const out: Answered[] = [];
  for (const m of messages) {
    if (m.role !== 'assistant' || typeof m.content === 'string') continue;
    for (const b of m.content) {
      if (b.type !== 'tool_use') continue;
      const r = results.get(b.id);
      if (r) out.push({ call: b, ok: r.is_error !== true });
    }
  }
  return out;
}

/** The steps of the workflow in progress (empty right after an accepted Handoff), and whether any Handoff was accepted. */
export function currentWorkflowSteps(messages: Message[]): { steps: WorkflowStepInput[]; handedOff: boolean; previous: WorkflowStepInput[] } {
  let steps: WorkflowStepInput[] = [];
  let previous: WorkflowStepInput[] = [];
  let handedOff = false;
  for (const { call, ok } of answeredCalls(messages)) {
    if (!ok) continue;
    if (call.name === HANDOFF_TOOL) {
      previous = steps;
      steps = [];
      handedOff = true;
    } else if (call.name === WORKFLOW_STEP_TOOL) {
      const input = workflowStepInput.safeParse(call.input);
      if (input.success) steps.push(input.data);
      handedOff = false;
    }
  }
  return { steps, handedOff, previous };
}

/** Records the steps of the workflow in progress into a fresh Workflow (the loop then goes on from there). */
export function restoreWorkflow(workflow: Workflow, messages: Message[]): number {
  let restored = 0;
  for (const s of currentWorkflowSteps(messages).steps) if (workflow.recordStep(s).ok) restored++;
  return restored;
}

const EDIT_TOOLS = new Set(['Write', 'Edit', 'MultiEdit']);

/** Files the workflow in progress changed before a resume (successful edit calls since the last accepted Handoff). */
export function changedFilesInProgress(messages: Message[], cwd: string): string[] {
  let files: string[] = [];
  for (const { call, ok } of answeredCalls(messages)) {
    if (!ok) continue;
    if (call.name === HANDOFF_TOOL) files = [];
    const target = (call.input as { file_path?: unknown } | undefined)?.file_path;
    if (EDIT_TOOLS.has(call.name) && typeof target === 'string') files.push(path.resolve(cwd, target));
  }
  return [...new Set(files)];
}

/**
 * A conversation whose last turn's Handoff was accepted: the run ended there, but its process stopped before the
 * result was recorded. `before` is the conversation up to that Handoff (the workflow and changed files it accepted).
 * Undefined when anything follows the Handoff's results (a new message to answer) or no Handoff of the last turn
 * succeeded.
 */
export function handoffThatEnded(messages: Message[]): { before: Message[]; call: ToolUseBlock; result: ToolResultBlock } | undefined {
  const [turn, answers] = messages.slice(-2);
  if (turn?.role !== 'assistant' || answers?.role !== 'user' || typeof turn.content === 'string' || typeof answers.content === 'string') return undefined;
  if (answers.content.some((b) => b.type !== 'tool_result')) return undefined;
  const results = new Map(answers.content.filter((b): b is ToolResultBlock => b.type === 'tool_result').map((b) => [b.tool_use_id, b]));
  const calls = turn.content.filter((b): b is ToolUseBlock => b.type === 'tool_use');
  const i = calls.findIndex((c) => c.name === HANDOFF_TOOL && results.has(c.id) && results.get(c.id)!.is_error !== true);
  if (i < 0) return undefined;
  const earlier = calls.slice(0, i);
  const before: Message[] = [
    ...messages.slice(0, -2),
    { role: 'assistant', content: earlier },
    { role: 'user', content: earlier.map((c) => results.get(c.id)).filter((r): r is ToolResultBlock => r !== undefined) },
  ];
  return { before, call: calls[i]!, result: results.get(calls[i]!.id)! };
}
