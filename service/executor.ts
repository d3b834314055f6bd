/**
 * Our mapping of a docker-expert run onto an A2A task (the protocol itself is the SDK's): SUBMITTED when queued,
 * WORKING while it runs, one status update per workflow step, tool call and permission denial, then COMPLETED with
 * the changed files, a unified diff and the handoff as artifacts, or FAILED with the result object, or CANCELED.
 * Each task works on its own copy under `<data>/tasks/<task id>/` (original/, work/, sessions/).
 */
import { mkdirSync, realpathSync, rmSync } from 'node:fs';
import path from 'node:path';
import { TaskState, type Part, type StreamResponse, type Task } from '@a2a-js/sdk';
import { AgentEvent, ResultManager, type AgentExecutor, type ExecutionEventBus, type ExecutionEventBusManager, type RequestContext, type TaskStore } from '@a2a-js/sdk/server';
import type { AgentDefinition } from '../agent/definition/types.js';
import type { AgentEvent as RunEvent, ResultObject } from '../agent/events.js';
import { startSession } from '../agent/session/start-session.js';
import { Limiter } from '../agent/task-tool.js';
import { CallerApprovals, DEFAULT_INPUT_TIMEOUT_MS, readAnswer } from './approvals.js';
import { cloneGitWorkspace, type GitPolicy } from './git-workspace.js';
import { diffFolders, mediaTypeOf } from './changes.js';
import { artifact, dataPart, rawPart, statusUpdate, textPart } from './messages.js';
import { readTaskInput, type WorkspaceSource } from './task-input.js';
import { copyFolder, extractTarGz, resolveWorkspacePath, WorkspaceError, type WorkspaceLimits } from './workspace.js';

export interface ExecutorOptions {
  dataDir: string;
  workers: number;
  workspaceRoot?: string;
  limits: WorkspaceLimits;
  /** The offline expert's build-run-probe loop (`--no-verify` turns it off). */
  verify: { enabled: boolean; maxRounds: number };
  env: NodeJS.ProcessEnv;
  /** The server's own definition: never one from the uploaded project. */
  agent: AgentDefinition;
  onLog?: (line: Record<string, unknown>) => void;
  /** How long a task waits for the answer to an approval question before it ends FAILED (DEFAULT_INPUT_TIMEOUT_MS). */
  inputTimeoutMs?: number;
  /** The SDK's store and bus manager: events of a task nobody listens to (it waits for input) are written directly. */
  taskStore: TaskStore;
  busManager: ExecutionEventBusManager;
  /** Git workspaces: the `--allow-git` patterns, the size cap and the timeout. */
  git: GitPolicy;
}

const TASK_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

/** One task's run, from the first message to its last state; it outlives an execute() call while it waits for input. */
interface Running {
  taskId: string;
  contextId: string;
  /** The caller's context of the first message (owner scope for the store and the bus). */
  context: RequestContext['context'];
  abort: AbortController;
  cancelled: boolean;
  /** Why the run was ended by the server (no answer in time), if it was. */
  ended?: string;
  stop?: (reason: string) => void;
  /** Where the run's events go: the bus of the request that listens now. */
  bus: ExecutionEventBus;
  /** Who listens: an execute() call, a CancelTask, or nobody (the task waits for input; events go to the store). */
  listener: 'execute' | 'cancel' | 'none';
  /** Ends the execute() call that listens (the run paused for input, or ended). */
  wake?: () => void;
  approvals?: CallerApprovals;
  finished?: Promise<void>;
}

export class DockerExpertExecutor implements AgentExecutor {
  private readonly slots: Limiter;
  private readonly running = new Map<string, Running>();
  /** Push delivery for events written while nobody listens (the SDK pushes the others itself). */
  notify?: (event: StreamResponse, context: RequestContext['context'], task?: Task) => void;

  constructor(private readonly options: ExecutorOptions) {
    this.slots = new Limiter(Math.max(1, options.workers));
  }

  /** Whether a message on this task answers a question (the run waits for input). */
  waitingForInput(taskId: string): boolean {
    return this.running.get(taskId)?.approvals?.waiting !== undefined;
  }

  /** Stops every run (server shutdown); each task ends CANCELED. */
  stopAll(): void {
    for (const run of this.running.values()) {
      run.cancelled = true;
      run.abort.abort(new Error('server stopping'));
      run.approvals?.cancel();
      run.stop?.('the server is stopping');
    }
  }

  cancelTask = async (taskId: string, eventBus: ExecutionEventBus): Promise<void> => {
    const run = this.running.get(taskId);
    if (!run) {
      // Nothing of ours runs it any more: say so on the bus, or the SDK's cancel would wait for an end that never comes.
      eventBus.publish(AgentEvent.statusUpdate(statusUpdate(taskId, '', TaskState.TASK_STATE_CANCELED)));
      return;
    }
    if (run.listener === 'none') {
      // Waiting for input: the cancel request listens to the run's end now.
      run.bus = eventBus;
      run.listener = 'cancel';
    }
    run.cancelled = true;
    run.abort.abort(new Error('cancelled'));
    run.approvals?.cancel();
    run.stop?.('cancelled by the caller');
  };

  async execute(ctx: RequestContext, bus: ExecutionEventBus): Promise<void> {
    const { taskId, contextId } = ctx;
    if (ctx.task) return this.answer(ctx, bus);
    const run: Running = { taskId, contextId, context: ctx.context, abort: new AbortController(), cancelled: false, bus, listener: 'execute' };
    const task: Task = {
      id: taskId,
      contextId,
      status: { state: TaskState.TASK_STATE_SUBMITTED, timestamp: new Date().toISOString(), message: undefined },
      artifacts: [],
      history: [ctx.userMessage],
      metadata: ctx.userMessage.metadata,
    };
    bus.publish(AgentEvent.task(task));
    if (!TASK_ID.test(taskId)) {
      bus.publish(AgentEvent.statusUpdate(statusUpdate(taskId, contextId, TaskState.TASK_STATE_FAILED, [textPart(`task id '${taskId}' is not usable as a folder name`)])));
      return;
    }
    this.running.set(taskId, run);
    run.finished = this.runTask(run, ctx);
    await this.listen(run);
  }

  /** A message on a task that waits for input: the caller's answer to the approval question. */
  private async answer(ctx: RequestContext, bus: ExecutionEventBus): Promise<void> {
    const run = this.running.get(ctx.taskId);
    const question = run?.approvals?.waiting;
    // A stream starts with the Task (clients require it); this one is the stored task with the new message.
    bus.publish(AgentEvent.task(ctx.task!));
    if (!run || !question) {
      // The request handler refuses these before they get here; a race (the run ended meanwhile) lands here.
      bus.publish(AgentEvent.statusUpdate(statusUpdate(ctx.taskId, ctx.contextId, ctx.task?.status?.state ?? TaskState.TASK_STATE_FAILED, [textPart('this task is not waiting for input; nothing was done with the message')])));
      return;
    }
    const answer = readAnswer(ctx.userMessage);
    if (typeof answer === 'string') {
      bus.publish(AgentEvent.statusUpdate(statusUpdate(run.taskId, run.contextId, TaskState.TASK_STATE_INPUT_REQUIRED, [textPart(answer), dataPart(question)])));
      return;
    }
    run.bus = bus;
    run.listener = 'execute';
    this.log(run.taskId, 'task_input', { tool: question.tool, approve: answer.approve, always: answer.always });
    const said = `${answer.approve ? 'approved' : 'denied'}${answer.always ? ' (always, for this task)' : ''}: ${question.tool}`;
    bus.publish(AgentEvent.statusUpdate(statusUpdate(run.taskId, run.contextId, TaskState.TASK_STATE_WORKING, [textPart(said), dataPart({ kind: 'approval_answer', tool_use_id: question.tool_use_id, ...answer })])));
    run.approvals!.answer(answer);
    await this.listen(run);
  }

  /** Until the run pauses for input or ends. */
  private async listen(run: Running): Promise<void> {
    await new Promise<void>((resolve) => {
      run.wake = resolve;
      void run.finished!.then(resolve);
    });
    run.wake = undefined;
  }

  private publish(run: Running, event: Parameters<ExecutionEventBus['publish']>[0]): void {
    // Nobody listens while the task waits for input: the event goes to the store the way the SDK would write it.
    if (run.listener === 'none') {
      const results = new ResultManager(this.options.taskStore, run.context);
      void results
        .processEvent(event)
        .then(() => this.notify?.({ payload: { $case: event.kind, value: event.data } as StreamResponse['payload'] }, run.context, results.getCurrentTask()))
        .catch((err: Error) => this.log(run.taskId, 'task_store_error', { error: err.message }));
    }
    run.bus.publish(event);
  }

  private log(taskId: string, event: string, extra: Record<string, unknown> = {}): void {
    this.options.onLog?.({ time: new Date().toISOString(), event, task_id: taskId, ...extra });
  }

  private async runTask(run: Running, ctx: RequestContext): Promise<void> {
    const { taskId, contextId } = run;
    const publishStatus = (state: TaskState, parts?: Part[]) => this.publish(run, AgentEvent.statusUpdate(statusUpdate(taskId, contextId, state, parts)));
    const folder = path.join(this.options.dataDir, 'tasks', taskId);
    const log = (event: string, extra: Record<string, unknown> = {}) => this.log(taskId, event, extra);
    let release: (() => void) | undefined;
    try {
      let input;
      try {
        input = readTaskInput(ctx.userMessage);
      } catch (err) {
        if (!(err instanceof WorkspaceError)) throw err;
        log('task_refused', { reason: err.message });
        publishStatus(TaskState.TASK_STATE_FAILED, [textPart(err.message)]);
        return;
      }
      try {
        release = await this.slots.acquire(run.abort.signal);
      } catch {
        publishStatus(TaskState.TASK_STATE_CANCELED, [textPart('cancelled before it started')]);
        return;
      }
      const original = path.join(folder, 'original');
      const work = path.join(folder, 'work');
      try {
        await this.prepare(input.workspace, original, work, run.abort.signal);
      } catch (err) {
        if (!(err instanceof WorkspaceError)) throw err;
        rmSync(folder, { recursive: true, force: true });
        log('task_refused', { reason: err.message });
        publishStatus(TaskState.TASK_STATE_FAILED, [textPart(err.message)]);
        return;
      }
      if (run.cancelled) {
        publishStatus(TaskState.TASK_STATE_CANCELED, [textPart('cancelled before it started')]);
        return;
      }
      publishStatus(TaskState.TASK_STATE_WORKING, [textPart('started')]);
      log('task_started');
      run.approvals = new CallerApprovals({
        cwd: realpathSync(work),
        timeoutMs: this.options.inputTimeoutMs ?? DEFAULT_INPUT_TIMEOUT_MS,
        onAsk: (question) => {
          log('task_input_required', { tool: question.tool });
          publishStatus(TaskState.TASK_STATE_INPUT_REQUIRED, [textPart(`approve ${question.tool}? ${question.reason}`), dataPart(question)]);
          // The request that listened gets its answer (INPUT_REQUIRED); the run waits without a listener.
          run.listener = 'none';
          run.wake?.();
        },
        onTimeout: () => {
          run.ended = `nobody answered the approval question within ${Math.round((this.options.inputTimeoutMs ?? DEFAULT_INPUT_TIMEOUT_MS) / 1000)} s (--input-timeout); the task was ended`;
          run.abort.abort(new Error(run.ended));
          run.stop?.(run.ended);
        },
      });
      const session = await startSession({
        agent: this.options.agent,
        // An uploaded .mcp.json would be a command line run on this machine: no MCP server is started for a task.
        mcp: false,
        task: input.text,
        cwd: work,
        sessionsDir: path.join(folder, 'sessions'),
        env: this.options.env,
        verify: this.options.verify,
        signal: run.abort.signal,
        approver: run.approvals.approver,
        onEvent: (e) => {
          const parts = describe(e);
          if (parts) publishStatus(TaskState.TASK_STATE_WORKING, parts);
        },
      });
      run.stop = (reason) => session.abort(reason);
      if (run.cancelled) session.abort('cancelled by the caller');
      const result = await session.result;
      if (run.cancelled) {
        log('task_canceled');
        publishStatus(TaskState.TASK_STATE_CANCELED, [textPart('cancelled by the caller; the run was stopped'), dataPart(result)]);
        return;
      }
      if (run.ended) {
        log('task_failed', { reason: run.ended });
        publishStatus(TaskState.TASK_STATE_FAILED, [textPart(run.ended), dataPart(result)]);
        return;
      }
      if (result.is_error || result.subtype !== 'success') {
        log('task_failed', { subtype: result.subtype });
        publishStatus(TaskState.TASK_STATE_FAILED, [textPart(result.result || result.subtype), dataPart(result)]);
        return;
      }
      this.publishArtifacts(run, original, work, result);
      rmSync(original, { recursive: true, force: true });
      log('task_completed', { num_turns: result.num_turns, duration_ms: result.duration_ms });
      publishStatus(TaskState.TASK_STATE_COMPLETED, [textPart(result.result), dataPart(result)]);
    } catch (err) {
      log('task_error', { error: (err as Error).message });
      publishStatus(run.cancelled ? TaskState.TASK_STATE_CANCELED : TaskState.TASK_STATE_FAILED, [textPart(`the run could not go on: ${(err as Error).message}`)]);
    } finally {
      release?.();
      this.running.delete(taskId);
      // No execute() call will settle the bus (the run ended while waiting for input or under a CancelTask): settle it here.
      if (run.listener !== 'execute') {
        run.bus.finished();
        this.options.busManager.cleanupByTaskId(taskId, run.context);
      }
    }
  }

  private async prepare(source: WorkspaceSource, original: string, work: string, signal: AbortSignal): Promise<void> {
    mkdirSync(path.dirname(original), { recursive: true, mode: 0o700 });
    if (source.kind === 'archive') await extractTarGz(source.data, original, this.options.limits);
    else if (source.kind === 'git') await cloneGitWorkspace(source, original, path.join(path.dirname(original), 'git'), this.options.git, this.options.limits, signal);
    else copyFolder(resolveWorkspacePath(this.options.workspaceRoot, source.path), original, this.options.limits);
    copyFolder(original, work, this.options.limits);
  }

  private publishArtifacts(run: Running, original: string, work: string, result: ResultObject): void {
    const changes = diffFolders(original, work);
    const emit = (a: ReturnType<typeof artifact>) => this.publish(run, AgentEvent.artifactUpdate({ taskId: run.taskId, contextId: run.contextId, artifact: a, append: false, lastChunk: true, metadata: undefined }));
    for (const f of changes.files) {
      if (!f.data) continue;
      emit(artifact(f.path, `${f.status} file`, [rawPart(f.data, f.path, mediaTypeOf(f.path, f.data))]));
    }
    emit(artifact('changes.diff', `unified diff of the whole change (${changes.files.length} files)`, [textPart(changes.diff, 'text/x-diff', 'changes.diff')]));
    emit(artifact('handoff', 'the accepted handoff (docker-expert CONTRACT shape)', [dataPart(result.handoff)]));
  }
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

