/**
 * One task's run, from a granted worker slot to its final state: the task's folder made from its source, the session
 * (with the caller's approvals), then the outcome as A2A parts (statuses, artifacts). It reports everything through
 * one callback and takes commands (cancel, leave, an answer), so that it runs the same on a task thread
 * (task-threads.ts) as in the process that owns the task (a PostgreSQL worker, whose journal goes to the database).
 */
import { mkdirSync, realpathSync, rmSync } from 'node:fs';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import { TaskState, type Artifact, type Part } from '@a2a-js/sdk';
import type { AgentDefinition } from '../agent/definition/types.js';
import type { AgentEvent as RunEvent, ResultObject } from '../agent/events.js';
import type { StampedRecord } from '../agent/session/records.js';
import { startSession } from '../agent/session/start-session.js';
import { CallerApprovals, DEFAULT_INPUT_TIMEOUT_MS, type Answer, type ApprovalRequest } from './approvals.js';
import { diffFolders, mediaTypeOf } from './changes.js';
import { cloneGitWorkspace, type GitPolicy } from './git-workspace.js';
import { artifact, dataPart, rawPart, textPart } from './messages.js';
import { metricOf, type RunMetric } from './metrics.js';
import { removeTaskContainers, taskEnv } from './task-containers.js';
import type { TaskInput, WorkspaceSource } from './task-input.js';
import type { TraceHeaders } from '../agent/telemetry/index.js';
import { copyFolder, extractTarGz, resolveWorkspacePath, WorkspaceError, type WorkspaceLimits } from './workspace.js';

/** What every run of a server shares (a task thread gets it once, at its start). */
export interface TaskRunSettings {
  dataDir: string;
  workspaceRoot?: string;
  limits: WorkspaceLimits;
  /** The offline expert's build-run-probe loop (`--no-verify` turns it off). */
  verify: { enabled: boolean; maxRounds: number };
  env: NodeJS.ProcessEnv;
  /** The server's own definition: never one from the uploaded project. */
  agent: AgentDefinition;
  /** `serve --trust-project`: hooks in an uploaded project's .claude/settings*.json run (off by default). */
  trustProject?: boolean;
  /** How long a task waits for the answer to an approval question before it ends FAILED (DEFAULT_INPUT_TIMEOUT_MS). */
  inputTimeoutMs?: number;
  git: GitPolicy;
}

/** A contextId whose first task ran: the follow-ups continue its session on its copy of the project. */
export interface ConversationRef {
  /** The first task's folder: its work/ is the copy, its sessions/<first task id>/ the journal. */
  folder: string;
  sessionId: string;
  lastTaskId: string;
}

/** How a task starts: from its message, from its journal (a restart found it WORKING), or as a follow-up. */
export type RunStart = { kind: 'new'; input: TaskInput } | { kind: 'resume' } | { kind: 'continue'; input: TaskInput; conversation: ConversationRef };

export interface TaskRunRequest {
  taskId: string;
  contextId: string;
  start: RunStart;
  /** The answer to a question asked before a restart, applied when the resumed run asks about that call again. */
  answeredAhead?: { question: ApprovalRequest; answer: Answer };
  /** The caller's trace context, when a request (not a restart) started this run. */
  traceHeaders?: TraceHeaders;
}

/** What a run reports, in order. */
export type RunReport =
  | { kind: 'status'; state: TaskState; parts: Part[] }
  | { kind: 'artifact'; artifact: Artifact }
  /** The run waits for the caller's answer to this question (the task is INPUT_REQUIRED). */
  | { kind: 'ask'; question: ApprovalRequest; parts: Part[] }
  /** The session started (WORKING was reported just before). */
  | { kind: 'started' }
  | { kind: 'metric'; metric: RunMetric }
  | { kind: 'ended'; outcome: RunOutcome; durationMs: number }
  | { kind: 'log'; event: string; extra: Record<string, unknown> };

export type RunOutcome = 'completed' | 'failed' | 'canceled' | 'left';

/** What the owner of a task tells its run. */
export type RunCommand =
  /** The caller cancelled: the run stops and ends CANCELED. */
  | { kind: 'cancel' }
  /** The server is stopping: the run stops without a final state, so that the next start resumes it. */
  | { kind: 'leave' }
  | { kind: 'answer'; answer: Answer };

export interface RunControl {
  command(c: RunCommand): void;
  /** Settles once the run has reported its last event. */
  done: Promise<void>;
}

/** Where a task's journal records go besides its journal file. */
export interface TaskJournalSink {
  record(taskId: string, record: StampedRecord): void;
  /** Resolves once every record so far is stored; awaited before each tool call runs. */
  flushed(taskId: string): Promise<void>;
}

/** The tools through which a run's commands (and so its containers) start: Bash, and Task's sub-agents' Bash. */
const COMMAND_TOOLS = new Set(['Bash', 'Task']);

export function folderOf(dataDir: string, taskId: string): string {
  return path.join(dataDir, 'tasks', taskId);
}

/** Starts the run of a task whose worker slot is granted. */
export function runTask(settings: TaskRunSettings, request: TaskRunRequest, report: (r: RunReport) => void, journal?: TaskJournalSink): RunControl {
  const state: RunState = { abort: new AbortController(), cancelled: false, leaving: false };
  const command = (c: RunCommand) => {
    if (c.kind === 'answer') {
      state.approvals?.answer(c.answer);
      return;
    }
    if (c.kind === 'leave') state.leaving = true;
    else state.cancelled = true;
    const reason = c.kind === 'leave' ? 'the server is stopping' : 'cancelled by the caller';
    state.abort.abort(new Error(reason));
    state.approvals?.cancel();
    state.stop?.(reason);
  };
  return { command, done: run(settings, request, state, report, journal) };
}

interface RunState {
  abort: AbortController;
  cancelled: boolean;
  leaving: boolean;
  /** Why the run was ended by the server (nobody answered in time), if it was. */
  ended?: string;
  stop?: (reason: string) => void;
  approvals?: CallerApprovals;
  /** The run called Bash or Task: it may have started containers (labelled with the task's id). */
  ranCommands?: boolean;
}

async function run(settings: TaskRunSettings, request: TaskRunRequest, running: RunState, report: (r: RunReport) => void, journal?: TaskJournalSink): Promise<void> {
  const { taskId, start } = request;
  const status = (state: TaskState, parts: Part[]) => report({ kind: 'status', state, parts });
  const log = (event: string, extra: Record<string, unknown> = {}) => report({ kind: 'log', event, extra });
  const ended = (outcome: RunOutcome, durationMs: number) => report({ kind: 'ended', outcome, durationMs });
  const folder = folderOf(settings.dataDir, taskId);
  // A task that ends (in any final state) takes its containers with it; one that only stops for a restart keeps them.
  const removeContainers = async () => {
    if (start.kind === 'new' && !running.ranCommands) return;
    try {
      const removed = await removeTaskContainers(settings.env, taskId);
      if (removed.length > 0) log('task_containers_removed', { containers: removed });
    } catch (err) {
      log('task_containers_error', { error: (err as Error).message });
    }
  };
  let started = 0;
  try {
    const original = path.join(folder, 'original');
    const work = start.kind === 'continue' ? path.join(start.conversation.folder, 'work') : path.join(folder, 'work');
    if (start.kind === 'continue') {
      // What the earlier tasks left is this task's starting point: its artifacts are what this one changes.
      mkdirSync(folder, { recursive: true, mode: 0o700 });
      copyFolder(work, original, settings.limits);
    } else if (start.kind === 'new') {
      try {
        await prepareFolder(settings, start.input.workspace, original, work, running.abort.signal);
      } catch (err) {
        if (!(err instanceof WorkspaceError)) throw err;
        rmSync(folder, { recursive: true, force: true });
        log('task_refused', { reason: err.message });
        status(TaskState.TASK_STATE_FAILED, [textPart(err.message)]);
        return;
      }
    }
    if (running.cancelled || running.leaving) {
      if (running.leaving) log('task_left', { state: 'submitted' });
      else status(TaskState.TASK_STATE_CANCELED, [textPart('cancelled before it started')]);
      return;
    }
    status(TaskState.TASK_STATE_WORKING, [textPart(start.kind === 'resume' ? 'resumed after a restart' : start.kind === 'continue' ? `continues the conversation (task ${start.conversation.lastTaskId})` : 'started')]);
    report({ kind: 'started' });
    log('task_started', { resumed: start.kind === 'resume', thread: threadId });
    started = Date.now();
    const inputTimeoutMs = settings.inputTimeoutMs ?? DEFAULT_INPUT_TIMEOUT_MS;
    running.approvals = new CallerApprovals({
      cwd: realpathSync(work),
      timeoutMs: inputTimeoutMs,
      onAsk: (question) => {
        log('task_input_required', { tool: question.tool });
        report({ kind: 'ask', question, parts: [textPart(`approve ${question.tool}? ${question.reason}`), dataPart(question)] });
      },
      onTimeout: () => {
        running.ended = `nobody answered the approval question within ${Math.round(inputTimeoutMs / 1000)} s (--input-timeout); the task was ended`;
        running.abort.abort(new Error(running.ended));
        running.stop?.(running.ended);
      },
    });
    if (request.answeredAhead) running.approvals.answerAhead(request.answeredAhead.question, request.answeredAhead.answer);
    const session = await startSession({
      agent: settings.agent,
      // An uploaded .mcp.json would be a command line run on this machine: no MCP server is started for a task.
      mcp: false,
      task: start.kind === 'resume' ? '' : start.input.text,
      // The journal is `sessions/<task id>/`: a restart finds it by the task's id.
      ...(start.kind === 'new' ? { sessionId: taskId } : { resume: start.kind === 'continue' ? start.conversation.sessionId : taskId }),
      cwd: work,
      sessionsDir: path.join(start.kind === 'continue' ? start.conversation.folder : folder, 'sessions'),
      env: taskEnv(settings.env, taskId),
      verify: settings.verify,
      // Project hooks are code from the uploaded project: only the operator's flag lets them run.
      trustProject: settings.trustProject === true,
      recordedTrust: false,
      traceHeaders: request.traceHeaders,
      signal: running.abort.signal,
      approver: running.approvals.approver,
      ...(journal ? { onRecord: (r: StampedRecord) => journal.record(taskId, r), beforeToolCall: () => journal.flushed(taskId) } : {}),
      onEvent: (e) => {
        const metric = metricOf(e);
        if (metric) report({ kind: 'metric', metric });
        if (e.type === 'tool_start' && COMMAND_TOOLS.has(e.name)) running.ranCommands = true;
        const parts = describe(e);
        // A run the server is leaving keeps its stored state (a task waiting for input stays INPUT_REQUIRED).
        if (parts && !running.leaving) status(TaskState.TASK_STATE_WORKING, parts);
      },
    });
    running.stop = (reason) => session.abort(reason);
    if (running.cancelled || running.leaving) session.abort(running.leaving ? 'the server is stopping' : 'cancelled by the caller');
    const result = await session.result;
    const ran = Date.now() - started;
    if (running.leaving) {
      // No final state: the task stays WORKING and the next start resumes it from its journal.
      log('task_left', { state: 'working', duration_ms: ran });
      ended('left', ran);
      return;
    }
    await removeContainers();
    if (running.cancelled) {
      log('task_canceled');
      ended('canceled', ran);
      status(TaskState.TASK_STATE_CANCELED, [textPart('cancelled by the caller; the run was stopped'), dataPart(result)]);
      return;
    }
    if (running.ended) {
      log('task_failed', { reason: running.ended });
      ended('failed', ran);
      status(TaskState.TASK_STATE_FAILED, [textPart(running.ended), dataPart(result)]);
      return;
    }
    if (result.is_error || result.subtype !== 'success') {
      log('task_failed', { subtype: result.subtype });
      ended('failed', ran);
      status(TaskState.TASK_STATE_FAILED, [textPart(result.result || result.subtype), dataPart(result)]);
      return;
    }
    for (const a of artifactsOf(original, work, result)) report({ kind: 'artifact', artifact: a });
    rmSync(original, { recursive: true, force: true });
    log('task_completed', { num_turns: result.num_turns, duration_ms: result.duration_ms, cost_usd: result.total_cost_usd });
    ended('completed', ran);
    status(TaskState.TASK_STATE_COMPLETED, [textPart(result.result), dataPart(result)]);
  } catch (err) {
    if (running.leaving) {
      log('task_left', { error: (err as Error).message });
      return;
    }
    log('task_error', { error: (err as Error).message });
    await removeContainers();
    if (started) ended(running.cancelled ? 'canceled' : 'failed', Date.now() - started);
    status(running.cancelled ? TaskState.TASK_STATE_CANCELED : TaskState.TASK_STATE_FAILED, [textPart(`the run could not go on: ${(err as Error).message}`)]);
  }
}

/** The task's folder from its source: original/ as received, work/ the copy the run changes. */
export async function prepareFolder(settings: TaskRunSettings, source: WorkspaceSource, original: string, work: string, signal: AbortSignal): Promise<void> {
  mkdirSync(path.dirname(original), { recursive: true, mode: 0o700 });
  if (source.kind === 'archive') await extractTarGz(source.data, original, settings.limits);
  else if (source.kind === 'git') await cloneGitWorkspace(source, original, path.join(path.dirname(original), 'git'), settings.git, settings.limits, signal);
  else if (source.kind === 'path') copyFolder(resolveWorkspacePath(settings.workspaceRoot, source.path), original, settings.limits);
  else throw new WorkspaceError('a follow-up has no workspace of its own');
  copyFolder(original, work, settings.limits);
}

/** A COMPLETED task's artifacts: every changed file, the unified diff, the handoff. */
export function artifactsOf(original: string, work: string, result: ResultObject): Artifact[] {
  const changes = diffFolders(original, work);
  const files = changes.files.flatMap((f) => (f.data ? [artifact(f.path, `${f.status} file`, [rawPart(f.data, f.path, mediaTypeOf(f.path, f.data))])] : []));
  return [
    ...files,
    artifact('changes.diff', `unified diff of the whole change (${changes.files.length} files)`, [textPart(changes.diff, 'text/x-diff', 'changes.diff')]),
    artifact('handoff', 'the accepted handoff (docker-expert CONTRACT shape)', [dataPart(result.handoff)]),
  ];
}

/** The compact status update for a run event, or undefined for events that are not reported. */
function describe(e: RunEvent): Part[] | undefined {
  switch (e.type) {
    case 'workflow':
      return [textPart(`workflow ${e.step}: ${e.status}${e.summary ? ` (${e.summary})` : ''}`), dataPart({ kind: 'workflow', step: e.step, status: e.status, summary: e.summary })];
    case 'tool_start':
      return [textPart(`tool ${e.name}`), dataPart({ kind: 'tool', tool_use_id: e.tool_use_id, name: e.name })];
    case 'permission':
      return e.behavior === 'deny' ? [textPart(`denied ${e.tool_name}: ${e.reason}`), dataPart({ kind: 'permission_denied', tool_use_id: e.tool_use_id, tool_name: e.tool_name, reason: e.reason, rule: e.rule })] : undefined;
    default:
      return undefined;
  }
}
