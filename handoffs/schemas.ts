import * as z from 'zod';
import { STEPS } from './steps.js';

export const workflowStepInput = z.object({
  step: z.enum(STEPS).describe('The step being finished, in order: analyze, design, secure, optimize, deploy.'),
  status: z.enum(['done', 'skipped']).describe('done, or skipped (only with the reason in summary).'),
  summary: z.string().describe('What the step found or did; for a skipped step, why it does not apply.'),
  notes: z.array(z.string()).optional().describe('Optional details worth keeping for the handoff.'),
});
export type WorkflowStepInput = z.infer<typeof workflowStepInput>;

/** A task an orchestrator can schedule: the shape of workflow-orchestrator's execution-plan tasks. */
export const openTask = z.object({
  id: z.string().min(1),
  agent: z.string().min(1),
  description: z.string().min(1),
  dependencies: z.array(z.string()).default([]),
  context: z.string().default(''),
});
export type OpenTask = z.infer<typeof openTask>;

export const modelFinding = z.union([
  z.string().transform((message) => ({ message })),
  z.object({
    rule: z.string().optional(),
    severity: z.enum(['error', 'warning', 'info', 'style']).optional(),
    message: z.string(),
    file: z.string().optional(),
    line: z.number().int().optional(),
  }),
]);

/** One build-run-probe round the agent made before handing off (the runtime adds each command's observed exit code). */
export const verifyRun = z.object({
  round: z.number().int().min(1),
  outcome: z.enum(['healthy', 'build_failed', 'run_failed', 'exited', 'not_listening', 'unhealthy', 'refused', 'not_run']),
  detail: z.string().default(''),
  repair: z.string().optional(),
  commands: z.array(z.string()).default([]),
});
export type VerifyRun = z.infer<typeof verifyRun>;

export function handoffInput(targets: readonly [string, ...string[]]) {
  return z.object({
    to: z.enum(targets).describe(`Who takes over: ${targets.join(' or ')} ('terminal' returns the report to the caller).`),
    summary: z.string().min(1).describe('The final report: what was done, what was found, what remains.'),
    artifacts: z.array(z.string()).optional().describe('Files you want to point at (the runtime lists every file the run changed on its own).'),
    findings: z.array(modelFinding).optional().describe('Problems found, most severe first.'),
    commands: z.array(z.string()).optional().describe('Commands a person should run next (build, scan, deploy).'),
    open_tasks: z.array(openTask).optional().describe('Work left for other agents: {id, agent, description, dependencies, context}.'),
    runs: z.array(verifyRun).optional().describe('Each round of building, running and probing the image: {round, outcome, detail, repair?, commands}.'),
    outcome: z.enum(['completed', 'failed']).optional().describe('failed when the task could not be done (e.g. no Dockerfile could be written); the run then exits 1.'),
  });
}
export type HandoffInput = z.infer<ReturnType<typeof handoffInput>>;

export interface ArtifactRecord {
  path: string;
  sha256: string;
  bytes: number;
  /** true when this run created or changed it; false for a file the model named that the run did not touch. */
  changed: boolean;
}

export interface VerificationRecord {
  file: string;
  /** `dockerfile`, `compose`, `kubernetes` (our analyzers on a file), or `run` (a round of build, run and probe). */
  kind: string;
  findings: { rule: string; severity: string; message: string; line: number; column: number }[];
  counts: Record<string, number>;
  /** kind `run`: the round, what it showed, the repair made after it, each command with what it really returned. */
  round?: number;
  outcome?: VerifyRun['outcome'];
  detail?: string;
  repair?: string;
  commands?: { command: string; exit_code?: number; ran: boolean }[];
}

export interface Handoff {
  to: string;
  summary: string;
  artifacts: ArtifactRecord[];
  findings: z.infer<typeof modelFinding>[];
  commands: string[];
  open_tasks: OpenTask[];
  verification: VerificationRecord[];
  /** `failed` when the agent could not do the task; the run's result is then an error (exit 1). */
  outcome: 'completed' | 'failed';
}

export interface StepRecord {
  step: string;
  status: 'done' | 'skipped';
  summary: string;
}
