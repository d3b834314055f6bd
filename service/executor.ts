/**
 * Our mapping of a docker-expert run onto an A2A task (the protocol itself is the SDK's): SUBMITTED when queued,
 * WORKING while it runs, one status update per workflow step, tool call and permission denial, then COMPLETED with
 * the changed files, a unified diff and the handoff as artifacts, or FAILED with the result object, or CANCELED.
 * Each task works on its own copy under `<data>/tasks/<task id>/` (original/, work/, sessions/).
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { TaskState, type Part, type Task } from '@a2a-js/sdk';
import { AgentEvent, type AgentExecutor, type ExecutionEventBus, type RequestContext } from '@a2a-js/sdk/server';
import type { AgentDefinition } from '../agent/definition/types.js';
import type { AgentEvent as RunEvent, ResultObject } from '../agent/events.js';
import { startSession } from '../agent/session/start-session.js';
import { JOURNAL_FILE } from '../agent/session/records.js';
import { diffFolders, mediaTypeOf } from './changes.js';
import { artifact, dataPart, rawPart, statusUpdate, textPart } from './messages.js';
import type { Scheduler, Reservation } from './scheduler.js';
import { readTaskInput, type TaskInput, type WorkspaceSource } from './task-input.js';
import { copyFolder, extractTarGz, resolveWorkspacePath, WorkspaceError, type WorkspaceLimits } from './workspace.js';

/** What the executor reports besides the task's own events (metrics). */
export interface RunObserver {
  runEvent(e: RunEvent): void;
  /** A run ended: how, and how long it ran (ms). */
  runEnded(outcome: 'completed' | 'failed' | 'canceled' | 'left', durationMs: number): void;
}

export interface ExecutorOptions {
  dataDir: string;
  /** The worker pool and its queue (fair across keys). */
  scheduler: Scheduler;
  /** The place the request's admission check held for a new task of this key (admission.ts). */
  takeReservation?: (key: string) => Reservation | undefined;
  /** An observer for each run (metrics). */
  observe?: () => RunObserver;
  workspaceRoot?: string;
  limits: WorkspaceLimits;
  /** The offline expert's build-run-probe loop (`--no-verify` turns it off). */
  verify: { enabled: boolean; maxRounds: number };
  env: NodeJS.ProcessEnv;
  /** The server's own definition: never one from the uploaded project. */
  agent: AgentDefinition;
  /** `serve --trust-project`: hooks in an uploaded project's .claude/settings*.json run (off by default). */
  trustProject?: boolean;
  onLog?: (line: Record<string, unknown>) => void;
}

const TASK_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

interface Running {
  abort: AbortController;
  cancelled: boolean;
  /** The server is stopping: end without a final state, so that the next start resumes the task. */
  leaving: boolean;
  stop?: (reason: string) => void;
}

/** How a task starts: from its message, or from its journal (a restart found it WORKING). */
type Start = { kind: 'new'; input: TaskInput } | { kind: 'resume' };

export class DockerExpertExecutor implements AgentExecutor {
  private readonly running = new Map<string, Running>();

  constructor(private readonly options: ExecutorOptions) {}

  /** Tasks this process is running or holding in the queue. */
  get active(): number {
    return this.running.size;
  }

  /**
   * Stops every run. `resumable`: the server is stopping (drain timeout); the runs are aborted without a final state,
   * so the tasks stay WORKING or SUBMITTED in the store and the next start resumes them from their journals.
   * Otherwise each task ends CANCELED.
   */
  stopAll(options: { resumable?: boolean } = {}): void {
    for (const run of this.running.values()) {
      if (options.resumable) run.leaving = true;
      else run.cancelled = true;
      run.abort.abort(new Error('server stopping'));
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
    run.cancelled = true;
    run.abort.abort(new Error('cancelled'));
    run.stop?.('cancelled by the caller');
  };

  async execute(ctx: RequestContext, bus: ExecutionEventBus): Promise<void> {
    const { taskId, contextId } = ctx;
    const key = ctx.context.user?.userName ?? '';
    const reservation = this.options.takeReservation?.(key);
    const publishStatus = (state: TaskState, parts?: Part[]) => bus.publish(AgentEvent.statusUpdate(statusUpdate(taskId, contextId, state, parts)));
    try {
      if (ctx.task) {
        // A follow-up on a task that is not finished: one run per task in this version.
        bus.publish(AgentEvent.task(ctx.task));
        publishStatus(TaskState.TASK_STATE_FAILED, [textPart('this task is still running; follow-up messages on a task are not supported yet: send a new message (same contextId) for a new task')]);
        return;
      }
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
        publishStatus(TaskState.TASK_STATE_FAILED, [textPart(`task id '${taskId}' is not usable as a folder name`)]);
        return;
      }
      let input;
      try {
        input = readTaskInput(ctx.userMessage);
      } catch (err) {
        if (!(err instanceof WorkspaceError)) throw err;
        this.log(taskId, 'task_refused', { reason: err.message });
        publishStatus(TaskState.TASK_STATE_FAILED, [textPart(err.message)]);
        return;
      }
      await this.run(taskId, contextId, key, { kind: 'new', input }, bus, reservation);
    } finally {
      reservation?.release();
    }
  }

  /**
   * Continues a task that the store holds unfinished after a restart: one still SUBMITTED (or whose run had not
   * written its journal yet) starts from its message; a WORKING one continues from its journal, where every tool call
   * without a journaled result is reported to the model as interrupted and never run again.
   */
  async resume(task: Task, key: string, bus: ExecutionEventBus): Promise<void> {
    bus.publish(AgentEvent.task(task));
    const folder = this.folderOf(task.id);
    const journal = path.join(folder, 'sessions', task.id, JOURNAL_FILE);
    if (task.status?.state === TaskState.TASK_STATE_WORKING && existsSync(journal) && existsSync(path.join(folder, 'original'))) {
      this.log(task.id, 'task_resumed', { from: 'journal' });
      await this.run(task.id, task.contextId, key, { kind: 'resume' }, bus);
      return;
    }
    rmSync(folder, { recursive: true, force: true });
    const message = task.history[0];
    let input: TaskInput;
    try {
      if (!message) throw new WorkspaceError('the task has no message to start from');
      input = readTaskInput(message);
    } catch (err) {
      bus.publish(AgentEvent.statusUpdate(statusUpdate(task.id, task.contextId, TaskState.TASK_STATE_FAILED, [textPart(`the task could not be resumed after a restart: ${(err as Error).message}`)])));
      return;
    }
    this.log(task.id, 'task_resumed', { from: 'message' });
    await this.run(task.id, task.contextId, key, { kind: 'new', input }, bus);
  }

  private folderOf(taskId: string): string {
    return path.join(this.options.dataDir, 'tasks', taskId);
  }

  private log(taskId: string, event: string, extra: Record<string, unknown> = {}): void {
    this.options.onLog?.({ time: new Date().toISOString(), event, task_id: taskId, ...extra });
  }

  /** Waits for a worker, prepares the task's folder (a new task), runs the session, publishes the outcome. */
  private async run(taskId: string, contextId: string, key: string, start: Start, bus: ExecutionEventBus, reservation?: Reservation): Promise<void> {
    const publishStatus = (state: TaskState, parts?: Part[]) => bus.publish(AgentEvent.statusUpdate(statusUpdate(taskId, contextId, state, parts)));
    const running: Running = { abort: new AbortController(), cancelled: false, leaving: false };
    this.running.set(taskId, running);
    const folder = this.folderOf(taskId);
    const log = (event: string, extra: Record<string, unknown> = {}) => this.log(taskId, event, extra);
    const observer = this.options.observe?.();
    let release: (() => void) | undefined;
    let started = 0;
    try {
      try {
        release = await this.options.scheduler.acquire(key, running.abort.signal, reservation);
      } catch {
        if (running.leaving) log('task_left', { state: 'submitted' });
        else publishStatus(TaskState.TASK_STATE_CANCELED, [textPart('cancelled before it started')]);
        return;
      }
      const original = path.join(folder, 'original');
      const work = path.join(folder, 'work');
      if (start.kind === 'new') {
        try {
          await this.prepare(start.input.workspace, original, work);
        } catch (err) {
          if (!(err instanceof WorkspaceError)) throw err;
          rmSync(folder, { recursive: true, force: true });
          log('task_refused', { reason: err.message });
          publishStatus(TaskState.TASK_STATE_FAILED, [textPart(err.message)]);
          return;
        }
      }
      if (running.cancelled || running.leaving) {
        if (running.leaving) log('task_left', { state: 'submitted' });
        else publishStatus(TaskState.TASK_STATE_CANCELED, [textPart('cancelled before it started')]);
        return;
      }
      publishStatus(TaskState.TASK_STATE_WORKING, [textPart(start.kind === 'resume' ? 'resumed after a restart' : 'started')]);
      log('task_started', { key, resumed: start.kind === 'resume' });
      started = Date.now();
      const run = await startSession({
        agent: this.options.agent,
        // An uploaded .mcp.json would be a command line run on this machine: no MCP server is started for a task.
        mcp: false,
        task: start.kind === 'new' ? start.input.text : '',
        // The journal is `sessions/<task id>/`: a restart finds it by the task's id.
        ...(start.kind === 'new' ? { sessionId: taskId } : { resume: taskId }),
        cwd: work,
        sessionsDir: path.join(folder, 'sessions'),
        env: this.options.env,
        verify: this.options.verify,
        // Project hooks are code from the uploaded project: only the operator's flag lets them run.
        trustProject: this.options.trustProject === true,
        recordedTrust: false,
        signal: running.abort.signal,
        onEvent: (e) => {
          observer?.runEvent(e);
          const parts = describe(e);
          if (parts) publishStatus(TaskState.TASK_STATE_WORKING, parts);
        },
      });
      running.stop = (reason) => run.abort(reason);
      if (running.cancelled || running.leaving) run.abort(running.leaving ? 'the server is stopping' : 'cancelled by the caller');
      const result = await run.result;
      const ran = Date.now() - started;
      if (running.leaving) {
        // No final state: the task stays WORKING and the next start resumes it from its journal.
        log('task_left', { state: 'working', duration_ms: ran });
        observer?.runEnded('left', ran);
        return;
      }
      if (running.cancelled) {
        log('task_canceled');
        observer?.runEnded('canceled', ran);
        publishStatus(TaskState.TASK_STATE_CANCELED, [textPart('cancelled by the caller; the run was stopped'), dataPart(result)]);
        return;
      }
      if (result.is_error || result.subtype !== 'success') {
        log('task_failed', { subtype: result.subtype });
        observer?.runEnded('failed', ran);
        publishStatus(TaskState.TASK_STATE_FAILED, [textPart(result.result || result.subtype), dataPart(result)]);
        return;
      }
      this.publishArtifacts(bus, taskId, contextId, original, work, result);
      rmSync(original, { recursive: true, force: true });
      log('task_completed', { num_turns: result.num_turns, duration_ms: result.duration_ms, cost_usd: result.total_cost_usd });
      observer?.runEnded('completed', ran);
      publishStatus(TaskState.TASK_STATE_COMPLETED, [textPart(result.result), dataPart(result)]);
    } catch (err) {
      if (running.leaving) {
        log('task_left', { error: (err as Error).message });
        return;
      }
      log('task_error', { error: (err as Error).message });
      if (started) observer?.runEnded(running.cancelled ? 'canceled' : 'failed', Date.now() - started);
      publishStatus(running.cancelled ? TaskState.TASK_STATE_CANCELED : TaskState.TASK_STATE_FAILED, [textPart(`the run could not go on: ${(err as Error).message}`)]);
    } finally {
      release?.();
      this.running.delete(taskId);
    }
  }

  private async prepare(source: WorkspaceSource, original: string, work: string): Promise<void> {
    mkdirSync(path.dirname(original), { recursive: true, mode: 0o700 });
    if (source.kind === 'archive') await extractTarGz(source.data, original, this.options.limits);
    else copyFolder(resolveWorkspacePath(this.options.workspaceRoot, source.path), original, this.options.limits);
    copyFolder(original, work, this.options.limits);
  }

  private publishArtifacts(bus: ExecutionEventBus, taskId: string, contextId: string, original: string, work: string, result: ResultObject): void {
    const changes = diffFolders(original, work);
    const emit = (a: ReturnType<typeof artifact>) => bus.publish(AgentEvent.artifactUpdate({ taskId, contextId, artifact: a, append: false, lastChunk: true, metadata: undefined }));
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

