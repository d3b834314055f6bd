/**
 * Our mapping of a docker-expert run onto an A2A task (the protocol itself is the SDK's): SUBMITTED when queued,
 * WORKING while it runs, one status update per workflow step, tool call and permission denial, then COMPLETED with
 * the changed files, a unified diff and the handoff as artifacts, or FAILED with the result object, or CANCELED.
 * Each task works on its own copy under `<data>/tasks/<task id>/` (original/, work/, sessions/).
 */
import { existsSync, mkdirSync, realpathSync, rmSync } from 'node:fs';
import path from 'node:path';
import { TaskState, type Message, type Part, type StreamResponse, type Task } from '@a2a-js/sdk';
import { AgentEvent, ResultManager, type AgentExecutor, type ExecutionEventBus, type ExecutionEventBusManager, type RequestContext, type ServerCallContext, type TaskStore } from '@a2a-js/sdk/server';
import type { AgentDefinition } from '../agent/definition/types.js';
import type { AgentEvent as RunEvent, ResultObject } from '../agent/events.js';
import { startSession } from '../agent/session/start-session.js';
import { JOURNAL_FILE, type StampedRecord } from '../agent/session/records.js';
import { CallerApprovals, DEFAULT_INPUT_TIMEOUT_MS, readAnswer, type Answer, type ApprovalRequest } from './approvals.js';
import { cloneGitWorkspace, type GitPolicy } from './git-workspace.js';
import { diffFolders, mediaTypeOf } from './changes.js';
import { artifact, dataPart, rawPart, statusUpdate, textPart } from './messages.js';
import type { Scheduler, Reservation } from './scheduler.js';
import { removeTaskContainers, taskEnv } from './task-containers.js';
import { ownerContext } from './task-store.js';
import { readTaskInput, type TaskInput, type WorkspaceSource } from './task-input.js';
import { requestTraceHeaders } from './trace-context.js';
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
  /** How long a task waits for the answer to an approval question before it ends FAILED (DEFAULT_INPUT_TIMEOUT_MS). */
  inputTimeoutMs?: number;
  /** The SDK's store and bus manager: events of a task nobody listens to (it waits for input) are written directly. */
  taskStore: TaskStore;
  busManager: ExecutionEventBusManager;
  /** Git workspaces: the `--allow-git` patterns, the size cap and the timeout. */
  git: GitPolicy;
  /** A copy of each task's journal kept off this machine (a worker on PostgreSQL: service/pg/journal.ts). */
  journal?: TaskJournalSink;
}

/** Where a task's journal records go besides its journal file. */
export interface TaskJournalSink {
  record(taskId: string, record: StampedRecord): void;
  /** Resolves once every record so far is stored; awaited before each tool call runs. */
  flushed(taskId: string): Promise<void>;
}

const TASK_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

/** One task's run, from its first message to its last state; it outlives an execute() call while it waits for input. */
interface Running {
  taskId: string;
  contextId: string;
  /** The owner's call context (scope for the store and the bus). */
  context: ServerCallContext;
  abort: AbortController;
  cancelled: boolean;
  /** The server is stopping: end without a final state, so that the next start resumes the task. */
  leaving: boolean;
  /** Why the server ended the run (nobody answered in time), if it did. */
  ended?: string;
  stop?: (reason: string) => void;
  /** Where the run's events go: the bus of whoever listens now. */
  bus: ExecutionEventBus;
  /** Who listens: an execute() call, a CancelTask, or nobody (the task waits for input; events go to the store). */
  listener: 'execute' | 'cancel' | 'none';
  /** Ends the execute() call that listens (the run paused for input, or ended). */
  wake?: () => void;
  approvals?: CallerApprovals;
  /** The answer to a question asked before a restart, applied when the resumed run asks about that call again. */
  answeredAhead?: { question: ApprovalRequest; answer: Answer };
  /** The run called Bash or Task: it may have started containers (labelled with the task's id). */
  ranCommands?: boolean;
  finished?: Promise<void>;
}

/** The tools through which a run's commands (and so its containers) start: Bash, and Task's sub-agents' Bash. */
const COMMAND_TOOLS = new Set(['Bash', 'Task']);

/** How a task starts: from its message, or from its journal (a restart found it WORKING). */
type Start = { kind: 'new'; input: TaskInput } | { kind: 'resume' } | { kind: 'continue'; input: TaskInput; conversation: Conversation };

/** A contextId whose first task ran: the follow-ups continue its session on its copy of the project. */
interface Conversation {
  /** The first task's folder: its work/ is the copy, its sessions/<first task id>/ the journal. */
  folder: string;
  sessionId: string;
  lastTaskId: string;
  busy: boolean;
}

const conversationKey = (owner: string, contextId: string) => `${owner}\0${contextId}`;

export class DockerExpertExecutor implements AgentExecutor {
  private readonly running = new Map<string, Running>();
  /** Conversations by owner and contextId (this process's; one begun before a restart is recalled from the store). */
  private readonly conversations = new Map<string, Conversation>();
  /** Push delivery for events written while nobody listens (the SDK pushes the others itself). */
  notify?: (event: StreamResponse, context: ServerCallContext, task?: Task) => void;

  constructor(private readonly options: ExecutorOptions) {}

  /**
   * Whether a message on this task (the store says INPUT_REQUIRED) answers a question: the run waits for input, or the
   * question was asked before a restart and the task's journal is here to go on from.
   */
  waitingForInput(taskId: string): boolean {
    const run = this.running.get(taskId);
    if (run) return run.approvals?.waiting !== undefined;
    return TASK_ID.test(taskId) && existsSync(this.journalOf(taskId));
  }

  private journalOf(taskId: string): string {
    return path.join(this.folderOf(taskId), 'sessions', taskId, JOURNAL_FILE);
  }

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
    const key = ctx.context.user?.userName ?? '';
    const reservation = this.options.takeReservation?.(key);
    const publishStatus = (state: TaskState, parts?: Part[]) => bus.publish(AgentEvent.statusUpdate(statusUpdate(taskId, contextId, state, parts)));
    let handedOver = false;
    try {
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
      const conversation = this.conversations.get(conversationKey(key, contextId)) ?? (await this.recallConversation(key, taskId, contextId, ctx.context));
      if (conversation?.busy) {
        publishStatus(TaskState.TASK_STATE_FAILED, [textPart(`the conversation ${contextId} has a task still running (${conversation.lastTaskId}): send the follow-up once it has ended`)]);
        return;
      }
      let input;
      try {
        input = readTaskInput(ctx.userMessage, conversation !== undefined);
      } catch (err) {
        if (!(err instanceof WorkspaceError)) throw err;
        this.log(taskId, 'task_refused', { reason: err.message });
        publishStatus(TaskState.TASK_STATE_FAILED, [textPart(err.message)]);
        return;
      }
      const run = this.newRun(taskId, contextId, ctx.context, bus);
      const start: Start = conversation ? { kind: 'continue', input, conversation } : { kind: 'new', input };
      if (conversation) conversation.busy = true;
      run.finished = this.run(run, key, start, reservation).finally(() => reservation?.release());
      handedOver = true;
      await this.listen(run);
    } finally {
      if (!handedOver) reservation?.release();
    }
  }

  /**
   * A conversation this process has not seen (it began before a restart), rebuilt from the store: of this key's tasks
   * with this contextId, the one whose folder holds its own session journal and copy is the first; the newest is the
   * last. Undefined when there is none (never existed, another key's, or its folder was removed by --retention).
   */
  private async recallConversation(key: string, taskId: string, contextId: string, context: ServerCallContext): Promise<Conversation | undefined> {
    if (!contextId) return undefined;
    const { tasks } = await this.options.taskStore.list(
      { tenant: context.tenant ?? '', contextId, status: TaskState.TASK_STATE_UNSPECIFIED, pageSize: 100, pageToken: '', historyLength: 0, statusTimestampAfter: undefined, includeArtifacts: false },
      context,
    );
    const earlier = tasks.filter((t) => t.id !== taskId && TASK_ID.test(t.id));
    const first = earlier.find((t) => existsSync(path.join(this.folderOf(t.id), 'sessions', t.id, JOURNAL_FILE)) && existsSync(path.join(this.folderOf(t.id), 'work')));
    if (!first) return undefined;
    // A task resumed after the restart holds the conversation until it ends; one left waiting for input has no run.
    const unfinished = [TaskState.TASK_STATE_SUBMITTED, TaskState.TASK_STATE_WORKING];
    const conversation: Conversation = {
      folder: this.folderOf(first.id),
      sessionId: first.id,
      lastTaskId: earlier[0]!.id,
      busy: earlier.some((t) => t.status !== undefined && unfinished.includes(t.status.state)),
    };
    this.conversations.set(conversationKey(key, contextId), conversation);
    return conversation;
  }

  private newRun(taskId: string, contextId: string, context: ServerCallContext, bus: ExecutionEventBus): Running {
    const run: Running = { taskId, contextId, context, abort: new AbortController(), cancelled: false, leaving: false, bus, listener: 'execute' };
    this.running.set(taskId, run);
    return run;
  }

  /** A message on a task that waits for input: the caller's answer to the approval question. */
  private async answer(ctx: RequestContext, bus: ExecutionEventBus): Promise<void> {
    const run = this.running.get(ctx.taskId);
    const question = run?.approvals?.waiting;
    // A stream starts with the Task (clients require it); this one is the stored task with the new message.
    bus.publish(AgentEvent.task(ctx.task!));
    if (!run && ctx.task?.status?.state === TaskState.TASK_STATE_INPUT_REQUIRED && this.waitingForInput(ctx.taskId)) return this.answerAfterRestart(ctx, bus);
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

  /**
   * An answer to a question the task asked before the server restarted: its run goes on from the journal (where the
   * call it asked about was never run) and the answer is applied when the run asks about that call again.
   */
  private async answerAfterRestart(ctx: RequestContext, bus: ExecutionEventBus): Promise<void> {
    const task = ctx.task!;
    const question = task.status?.message?.parts.map((p) => (p.content?.$case === 'data' ? p.content.value : undefined)).find((v) => (v as { kind?: unknown } | undefined)?.kind === 'approval') as ApprovalRequest | undefined;
    const answer = readAnswer(ctx.userMessage);
    if (typeof answer === 'string' || !question) {
      bus.publish(AgentEvent.statusUpdate(statusUpdate(task.id, task.contextId, TaskState.TASK_STATE_INPUT_REQUIRED, [textPart(typeof answer === 'string' ? answer : 'the question of this task is not readable'), ...(question ? [dataPart(question)] : [])])));
      return;
    }
    const key = ctx.context.user?.userName ?? '';
    this.log(task.id, 'task_input', { tool: question.tool, approve: answer.approve, always: answer.always, after_restart: true });
    const run = this.newRun(task.id, task.contextId, ctx.context, bus);
    run.answeredAhead = { question, answer };
    const said = `${answer.approve ? 'approved' : 'denied'}${answer.always ? ' (always, for this task)' : ''}: ${question.tool} (asked before a restart; the run goes on from its journal)`;
    bus.publish(AgentEvent.statusUpdate(statusUpdate(task.id, task.contextId, TaskState.TASK_STATE_WORKING, [textPart(said), dataPart({ kind: 'approval_answer', tool_use_id: question.tool_use_id, ...answer })])));
    run.finished = this.run(run, key, { kind: 'resume' });
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
      await this.run(this.newRun(task.id, task.contextId, ownerContext({ tenant: '', owner: key }), bus), key, { kind: 'resume' });
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
    await this.run(this.newRun(task.id, task.contextId, ownerContext({ tenant: '', owner: key }), bus), key, { kind: 'new', input });
  }

  /**
   * A worker taking over a task whose run had ended (its result is journaled) but whose process died before the
   * outcome was published: the artifacts (the rebuilt work folder against the source) and the final state now.
   */
  finishFromJournal(task: Task, key: string, result: ResultObject, bus: ExecutionEventBus): void {
    const run = this.newRun(task.id, task.contextId, ownerContext({ tenant: '', owner: key }), bus);
    try {
      bus.publish(AgentEvent.task(task));
      const status = (state: TaskState, parts: Part[]) => bus.publish(AgentEvent.statusUpdate(statusUpdate(task.id, task.contextId, state, parts)));
      this.log(task.id, 'task_finished_from_journal', { subtype: result.subtype });
      if (result.is_error || result.subtype !== 'success') return status(TaskState.TASK_STATE_FAILED, [textPart(result.result || result.subtype), dataPart(result)]);
      const folder = this.folderOf(task.id);
      this.publishArtifacts(run, path.join(folder, 'original'), path.join(folder, 'work'), result);
      status(TaskState.TASK_STATE_COMPLETED, [textPart(result.result), dataPart(result)]);
    } finally {
      this.running.delete(task.id);
    }
  }

  /** A worker taking a task over: the task's folder made again from its source (original/ and work/). */
  async rebuildFolder(taskId: string, message: Message, signal: AbortSignal): Promise<string> {
    const folder = this.folderOf(taskId);
    rmSync(folder, { recursive: true, force: true });
    await this.prepare(readTaskInput(message).workspace, path.join(folder, 'original'), path.join(folder, 'work'), signal);
    return folder;
  }

  private folderOf(taskId: string): string {
    return path.join(this.options.dataDir, 'tasks', taskId);
  }

  private log(taskId: string, event: string, extra: Record<string, unknown> = {}): void {
    this.options.onLog?.({ time: new Date().toISOString(), event, task_id: taskId, ...extra });
  }

  /** Waits for a worker, prepares the task's folder (a new task), runs the session, publishes the outcome. */
  private async run(running: Running, key: string, start: Start, reservation?: Reservation): Promise<void> {
    const { taskId, contextId } = running;
    const publishStatus = (state: TaskState, parts?: Part[]) => this.publish(running, AgentEvent.statusUpdate(statusUpdate(taskId, contextId, state, parts)));
    const folder = this.folderOf(taskId);
    const log = (event: string, extra: Record<string, unknown> = {}) => this.log(taskId, event, extra);
    const observer = this.options.observe?.();
    // The caller's trace context, when a request (not a restart) started this run.
    const traceHeaders = requestTraceHeaders();
    let release: (() => void) | undefined;
    let started = 0;
    // A task that ends (in any final state) takes its containers with it; one that only stops for a restart keeps them.
    const removeContainers = () => (start.kind !== 'new' || running.ranCommands ? this.removeContainers(taskId) : Promise.resolve());
    try {
      try {
        release = await this.options.scheduler.acquire(key, running.abort.signal, reservation);
      } catch {
        if (running.leaving) log('task_left', { state: 'submitted' });
        else publishStatus(TaskState.TASK_STATE_CANCELED, [textPart('cancelled before it started')]);
        return;
      }
      const original = path.join(folder, 'original');
      const work = start.kind === 'continue' ? path.join(start.conversation.folder, 'work') : path.join(folder, 'work');
      if (start.kind === 'continue') {
        // What the earlier tasks left is this task's starting point: its artifacts are what this one changes.
        mkdirSync(folder, { recursive: true, mode: 0o700 });
        copyFolder(work, original, this.options.limits);
      } else if (start.kind === 'new') {
        try {
          await this.prepare(start.input.workspace, original, work, running.abort.signal);
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
      publishStatus(TaskState.TASK_STATE_WORKING, [textPart(start.kind === 'resume' ? 'resumed after a restart' : start.kind === 'continue' ? `continues the conversation (task ${start.conversation.lastTaskId})` : 'started')]);
      if (start.kind === 'new') this.conversations.set(conversationKey(key, contextId), { folder, sessionId: taskId, lastTaskId: taskId, busy: true });
      log('task_started', { key, resumed: start.kind === 'resume' });
      started = Date.now();
      const inputTimeoutMs = this.options.inputTimeoutMs ?? DEFAULT_INPUT_TIMEOUT_MS;
      running.approvals = new CallerApprovals({
        cwd: realpathSync(work),
        timeoutMs: inputTimeoutMs,
        onAsk: (question) => {
          log('task_input_required', { tool: question.tool });
          publishStatus(TaskState.TASK_STATE_INPUT_REQUIRED, [textPart(`approve ${question.tool}? ${question.reason}`), dataPart(question)]);
          // The request that listened gets its answer (INPUT_REQUIRED); the run waits without a listener.
          running.listener = 'none';
          running.wake?.();
        },
        onTimeout: () => {
          running.ended = `nobody answered the approval question within ${Math.round(inputTimeoutMs / 1000)} s (--input-timeout); the task was ended`;
          running.abort.abort(new Error(running.ended));
          running.stop?.(running.ended);
        },
      });
      if (running.answeredAhead) running.approvals.answerAhead(running.answeredAhead.question, running.answeredAhead.answer);
      const run = await startSession({
        agent: this.options.agent,
        // An uploaded .mcp.json would be a command line run on this machine: no MCP server is started for a task.
        mcp: false,
        task: start.kind === 'resume' ? '' : start.input.text,
        // The journal is `sessions/<task id>/`: a restart finds it by the task's id.
        ...(start.kind === 'new' ? { sessionId: taskId } : { resume: start.kind === 'continue' ? start.conversation.sessionId : taskId }),
        cwd: work,
        sessionsDir: path.join(start.kind === 'continue' ? start.conversation.folder : folder, 'sessions'),
        env: taskEnv(this.options.env, taskId),
        verify: this.options.verify,
        // Project hooks are code from the uploaded project: only the operator's flag lets them run.
        trustProject: this.options.trustProject === true,
        recordedTrust: false,
        traceHeaders,
        signal: running.abort.signal,
        approver: running.approvals.approver,
        ...(this.options.journal ? journalHooks(this.options.journal, taskId) : {}),
        onEvent: (e) => {
          observer?.runEvent(e);
          if (e.type === 'tool_start' && COMMAND_TOOLS.has(e.name)) running.ranCommands = true;
          const parts = describe(e);
          // A run the server is leaving keeps its stored state (a task waiting for input stays INPUT_REQUIRED).
          if (parts && !running.leaving) publishStatus(TaskState.TASK_STATE_WORKING, parts);
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
      await removeContainers();
      if (running.cancelled) {
        log('task_canceled');
        observer?.runEnded('canceled', ran);
        publishStatus(TaskState.TASK_STATE_CANCELED, [textPart('cancelled by the caller; the run was stopped'), dataPart(result)]);
        return;
      }
      if (running.ended) {
        log('task_failed', { reason: running.ended });
        observer?.runEnded('failed', ran);
        publishStatus(TaskState.TASK_STATE_FAILED, [textPart(running.ended), dataPart(result)]);
        return;
      }
      if (result.is_error || result.subtype !== 'success') {
        log('task_failed', { subtype: result.subtype });
        observer?.runEnded('failed', ran);
        publishStatus(TaskState.TASK_STATE_FAILED, [textPart(result.result || result.subtype), dataPart(result)]);
        return;
      }
      this.publishArtifacts(running, original, work, result);
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
      await removeContainers();
      if (started) observer?.runEnded(running.cancelled ? 'canceled' : 'failed', Date.now() - started);
      publishStatus(running.cancelled ? TaskState.TASK_STATE_CANCELED : TaskState.TASK_STATE_FAILED, [textPart(`the run could not go on: ${(err as Error).message}`)]);
    } finally {
      release?.();
      this.running.delete(taskId);
      const conversation = this.conversations.get(conversationKey(key, contextId));
      if (conversation && (start.kind !== 'resume' || conversation.sessionId === taskId)) {
        conversation.busy = false;
        conversation.lastTaskId = taskId;
      }
      // No execute() call will settle the bus (the run ended while waiting for input, or under a CancelTask).
      if (running.listener !== 'execute') {
        running.bus.finished();
        this.options.busManager.cleanupByTaskId(taskId, running.context);
      }
    }
  }

  /** An ended task's containers go with it (the Bash tool has already killed its processes). */
  private async removeContainers(taskId: string): Promise<void> {
    try {
      const removed = await removeTaskContainers(this.options.env, taskId);
      if (removed.length > 0) this.log(taskId, 'task_containers_removed', { containers: removed });
    } catch (err) {
      this.log(taskId, 'task_containers_error', { error: (err as Error).message });
    }
  }

  private async prepare(source: WorkspaceSource, original: string, work: string, signal: AbortSignal): Promise<void> {
    mkdirSync(path.dirname(original), { recursive: true, mode: 0o700 });
    if (source.kind === 'archive') await extractTarGz(source.data, original, this.options.limits);
    else if (source.kind === 'git') await cloneGitWorkspace(source, original, path.join(path.dirname(original), 'git'), this.options.git, this.options.limits, signal);
    else if (source.kind === 'path') copyFolder(resolveWorkspacePath(this.options.workspaceRoot, source.path), original, this.options.limits);
    else throw new WorkspaceError('a follow-up has no workspace of its own');
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

function journalHooks(sink: TaskJournalSink, taskId: string) {
  return { onRecord: (r: StampedRecord) => sink.record(taskId, r), beforeToolCall: () => sink.flushed(taskId) };
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

