/**
 * Our mapping of a docker-expert run onto an A2A task (the protocol itself is the SDK's): SUBMITTED when queued,
 * WORKING while it runs, one status update per workflow step, tool call and permission denial, then COMPLETED with
 * the changed files, a unified diff and the handoff as artifacts, or FAILED with the result object, or CANCELED.
 * Each task works on its own copy under `<data>/tasks/<task id>/` (original/, work/, sessions/).
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { TaskState, type Part, type Task } from '@a2a-js/sdk';
import { AgentEvent, type AgentExecutor, type ExecutionEventBus, type RequestContext } from '@a2a-js/sdk/server';
import type { AgentDefinition } from '../agent/definition/types.js';
import type { AgentEvent as RunEvent, ResultObject } from '../agent/events.js';
import { startSession } from '../agent/session/start-session.js';
import { Limiter } from '../agent/task-tool.js';
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
}

const TASK_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

interface Running {
  abort: AbortController;
  cancelled: boolean;
  stop?: (reason: string) => void;
}

export class DockerExpertExecutor implements AgentExecutor {
  private readonly slots: Limiter;
  private readonly running = new Map<string, Running>();

  constructor(private readonly options: ExecutorOptions) {
    this.slots = new Limiter(Math.max(1, options.workers));
  }

  /** Stops every run (server shutdown); each task ends CANCELED. */
  stopAll(): void {
    for (const run of this.running.values()) {
      run.cancelled = true;
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
    const publishStatus = (state: TaskState, parts?: Part[]) => bus.publish(AgentEvent.statusUpdate(statusUpdate(taskId, contextId, state, parts)));
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
    const running: Running = { abort: new AbortController(), cancelled: false };
    this.running.set(taskId, running);
    const folder = path.join(this.options.dataDir, 'tasks', taskId);
    const log = (event: string, extra: Record<string, unknown> = {}) => this.options.onLog?.({ time: new Date().toISOString(), event, task_id: taskId, ...extra });
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
        release = await this.slots.acquire(running.abort.signal);
      } catch {
        publishStatus(TaskState.TASK_STATE_CANCELED, [textPart('cancelled before it started')]);
        return;
      }
      const original = path.join(folder, 'original');
      const work = path.join(folder, 'work');
      try {
        await this.prepare(input.workspace, original, work);
      } catch (err) {
        if (!(err instanceof WorkspaceError)) throw err;
        rmSync(folder, { recursive: true, force: true });
        log('task_refused', { reason: err.message });
        publishStatus(TaskState.TASK_STATE_FAILED, [textPart(err.message)]);
        return;
      }
      if (running.cancelled) {
        publishStatus(TaskState.TASK_STATE_CANCELED, [textPart('cancelled before it started')]);
        return;
      }
      publishStatus(TaskState.TASK_STATE_WORKING, [textPart('started')]);
      log('task_started');
      const run = await startSession({
        agent: this.options.agent,
        // An uploaded .mcp.json would be a command line run on this machine: no MCP server is started for a task.
        mcp: false,
        task: input.text,
        cwd: work,
        sessionsDir: path.join(folder, 'sessions'),
        env: this.options.env,
        verify: this.options.verify,
        signal: running.abort.signal,
        onEvent: (e) => {
          const parts = describe(e);
          if (parts) publishStatus(TaskState.TASK_STATE_WORKING, parts);
        },
      });
      running.stop = (reason) => run.abort(reason);
      if (running.cancelled) run.abort('cancelled by the caller');
      const result = await run.result;
      if (running.cancelled) {
        log('task_canceled');
        publishStatus(TaskState.TASK_STATE_CANCELED, [textPart('cancelled by the caller; the run was stopped'), dataPart(result)]);
        return;
      }
      if (result.is_error || result.subtype !== 'success') {
        log('task_failed', { subtype: result.subtype });
        publishStatus(TaskState.TASK_STATE_FAILED, [textPart(result.result || result.subtype), dataPart(result)]);
        return;
      }
      this.publishArtifacts(bus, taskId, contextId, original, work, result);
      rmSync(original, { recursive: true, force: true });
      log('task_completed', { num_turns: result.num_turns, duration_ms: result.duration_ms });
      publishStatus(TaskState.TASK_STATE_COMPLETED, [textPart(result.result), dataPart(result)]);
    } catch (err) {
      log('task_error', { error: (err as Error).message });
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

