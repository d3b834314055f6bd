import * as z from 'zod';
import type { Tool, ToolResult } from '../tools/tool.js';
import { stepInstructions } from './prompts.js';
import { handoffInput, workflowStepInput, type HandoffInput, type WorkflowStepInput } from './schemas.js';
import type { Workflow } from './workflow.js';

export const WORKFLOW_STEP_TOOL = 'WorkflowStep';
export const HANDOFF_TOOL = 'Handoff';

/** The runtime tools every agent with a workflow gets: they drive the Workflow state and tell the model where it is. */
export function workflowTools(workflow: Workflow): Tool[] {
  const step: Tool<WorkflowStepInput> = {
    name: WORKFLOW_STEP_TOOL,
    description:
      'Record the end of a workflow step (analyze, design, secure, optimize, deploy, in that order). status "done" with a summary of what the step found or did, or "skipped" with the reason in summary. The result names the next step and what it asks.',
    inputSchema: workflowStepInput,
    isReadOnly: () => true,
    isConcurrencySafe: () => false,
    async call(input): Promise<ToolResult> {
      const verdict = workflow.recordStep(input);
      if (!verdict.ok) return { content: verdict.error, isError: true };
      const next = workflow.current;
      return { content: next ? `${verdict.message}\n\n${stepInstructions(next)}` : verdict.message };
    },
  };
  const targets = workflow.targets as [string, ...string[]];
  const handoff: Tool<HandoffInput> = {
    name: HANDOFF_TOOL,
    description: `End the run and hand the result over, once all five workflow steps are done or skipped. 'to' is one of: ${targets.join(', ')} ('terminal' returns the report to the caller; an orchestrator needs open_tasks to schedule).`,
    inputSchema: handoffToolSchema(targets),
    isReadOnly: () => true,
    isConcurrencySafe: () => false,
    async call(input): Promise<ToolResult> {
      const verdict = workflow.checkHandoff(input);
      if (!verdict.ok) return { content: verdict.error, isError: true };
      workflow.accept(input);
      return { content: verdict.message, endsRun: true };
    },
  };
  return [step, handoff];
}

/** The Handoff tool's input schema: `to` is validated by the Workflow, so an unknown target gets an instructive refusal rather than a schema error. */
export function handoffToolSchema(targets: readonly [string, ...string[]]): z.ZodType<HandoffInput> {
  // One schema per list of targets, so its JSON schema (agent/toolset.ts, cached per schema) is made once per process,
  // not per run (a service's worker runs the same workflow for task after task).
  const key = targets.join('\0');
  let schema = handoffSchemas.get(key);
  if (!schema) {
    schema = handoffInput(targets).extend({ to: z.string().describe(handoffInput(targets).shape.to.description ?? '') }) as unknown as z.ZodType<HandoffInput>;
    handoffSchemas.set(key, schema);
  }
  return schema;
}

const handoffSchemas = new Map<string, z.ZodType<HandoffInput>>();
