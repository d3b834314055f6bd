import type { AgentDefinition } from '../agent/definition/types.js';
import type { PermissionGate } from '../permissions/types.js';
import type { RunHooks } from '../agent/run.js';
import type { Tool } from '../tools/tool.js';
import { workflowGate } from './gate.js';
import { workflowSystemText } from './prompts.js';
import type { Handoff } from './schemas.js';
import { changedFilesInProgress, handoffThatEnded, restoreWorkflow } from '../agent/session/workflow-state.js';
import { HANDOFF_TOOL, WORKFLOW_STEP_TOOL, handoffToolSchema, workflowTools } from './tools.js';
import { collectArtifacts, observedExitCode, runRecords, verifyArtifacts, type CheckFn, type ObservedCommand } from './verification.js';
import { DEFAULT_MAX_HANDOFF_REMINDERS, Workflow } from './workflow.js';

export interface WorkflowAttachment {
  workflow: Workflow;
  runtimeTools: Tool[];
  systemAppend: string[];
  wrapGate(gate: PermissionGate): PermissionGate;
  hooks: RunHooks;
  /** The accepted handoff with the runtime's artifacts and verification, once there is one. */
  handoff(): Handoff | undefined;
}

export interface AttachOptions {
  /** Canonical project root. */
  cwd: string;
  /** The analyzers used for verification; default: the project's own `checkPaths`. */
  check?: CheckFn;
  maxReminders?: number;
  /** Files changed before this run by the same workflow (a resumed session). */
  changedFiles?: string[];
  /** Told about each recorded step (the CLI renders them). */
  onStep?(step: { step: string; status: string; summary: string }): void;
}

const defaultCheck: CheckFn = async (paths) => (await import('../tools/analyzers/index.js')).checkPaths(paths);

/**
 * The workflow for a definition that names handoff targets ("Hands off to: …"); undefined for one that does not,
 * which then runs as a plain loop.
 */
export function attachWorkflow(definition: AgentDefinition, options: AttachOptions): WorkflowAttachment | undefined {
  const targets = definition.routing.handsOffTo;
  if (targets.length === 0) return undefined;
  const workflow = new Workflow(targets, options.maxReminders ?? DEFAULT_MAX_HANDOFF_REMINDERS);
  const changed = new Set<string>(options.changedFiles ?? []);
  const commands: ObservedCommand[] = [];
  let accepted: Handoff | undefined;
  const hooks: RunHooks = {
    onTurnEnd() {
      const action = workflow.onTurnEnd();
      return action.action === 'fail' ? { ...action, subtype: 'error_no_handoff' } : action;
    },
    async endedBeforeResume(messages) {
      // The workflow as it was when the Handoff was accepted, the Handoff accepted again, and its report made as the
      // run would have made it right after that turn.
      const ended = handoffThatEnded(messages);
      const input = ended && handoffToolSchema(targets as [string, ...string[]]).safeParse(ended.call.input);
      if (!ended || !input?.success || accepted || workflow.steps.length > 0) return false;
      const probe = new Workflow(targets, 0);
      restoreWorkflow(probe, ended.before);
      if (!probe.checkHandoff(input.data).ok) return false;
      restoreWorkflow(workflow, ended.before);
      workflow.accept(input.data);
      for (const f of changedFilesInProgress(ended.before, options.cwd)) changed.add(f);
      await hooks.afterTools!({ calls: [ended.call], results: [ended.result], changedFiles: [] });
      return true;
    },
    async afterTools({ calls, results, changedFiles }) {
      for (const f of changedFiles) changed.add(f);
      calls.forEach((call, i) => {
        const command = (call.input as { command?: unknown }).command;
        const r = results[i];
        if (call.name !== 'Bash' || typeof command !== 'string' || !r) return;
        const exitCode = observedExitCode(typeof r.content === 'string' ? r.content : r.content.map((c) => ('text' in c ? c.text : '')).join(''), r.is_error === true);
        if (exitCode !== undefined) commands.push({ command, exitCode });
      });
      calls.forEach((call, i) => {
        if (call.name !== WORKFLOW_STEP_TOOL || results[i]?.is_error) return;
        const recorded = workflow.steps.find((s) => s.step === (call.input as { step?: unknown }).step);
        if (recorded) options.onStep?.(recorded);
      });
      const handoffCall = calls.findIndex((c, i) => c.name === HANDOFF_TOOL && !results[i]?.is_error);
      if (handoffCall < 0 || !workflow.handoff || accepted) return;
      const h = workflow.handoff;
      const artifacts = await collectArtifacts(options.cwd, changed, h.artifacts ?? []);
      const verification = await verifyArtifacts(options.cwd, artifacts, options.check ?? defaultCheck).catch((err: Error) => [
        { file: '', kind: 'error', findings: [{ rule: 'VERIFY', severity: 'error', message: `verification failed: ${err.message}`, line: 0, column: 0 }], counts: { error: 1 } },
      ]);
      accepted = {
        to: h.to,
        summary: h.summary,
        artifacts,
        findings: h.findings ?? [],
        commands: h.commands ?? [],
        open_tasks: h.open_tasks ?? [],
        verification: [...verification, ...runRecords(h.runs ?? [], commands)],
        outcome: h.outcome ?? 'completed',
      };
    },
    resultFields() {
      return {
        workflow: workflow.steps.map((s) => ({ ...s })),
        ...(accepted ? { handoff: accepted as unknown as Record<string, unknown>, result: accepted.summary } : {}),
        ...(accepted?.outcome === 'failed' ? { subtype: 'error_during_execution' as const } : {}),
      };
    },
  };
  return {
    workflow,
    runtimeTools: workflowTools(workflow),
    systemAppend: [workflowSystemText(targets)],
    wrapGate: (gate) => workflowGate(gate, workflow),
    handoff: () => accepted,
    hooks,
  };
}
