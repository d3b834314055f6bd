/**
 * Our mapping of a docker-expert run onto an A2A task (the protocol itself is the SDK's): SUBMITTED when queued,
 * WORKING while it runs, one status update per workflow step, tool call and permission denial, then COMPLETED with
 * the changed files, a unified diff and the handoff as artifacts, or FAILED with the result object, or CANCELED.
 * Each task works on its own copy under `<data>/tasks/<task id>/` (original/, work/, sessions/).
 */
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { TaskState, type Message, type Part, type StreamResponse, type Task } from '@a2a-js/sdk';
import { AgentEvent, ResultManager, type AgentExecutor, type ExecutionEventBus, type ExecutionEventBusManager, type RequestContext, type ServerCallContext, type TaskStore } from '@a2a-js/sdk/server';
import type { ResultObject } from '../agent/events.js';
import { JOURNAL_FILE } from '../agent/session/records.js';
import { readAnswer, type Answer, type ApprovalRequest } from './approvals.js';
import { reservationOf } from './auth.js';
import { dataPart, statusUpdate, textPart } from './messages.js';
import type { RunObserver } from './metrics.js';
import type { Scheduler, Reservation } from './scheduler.js';
import { artifactsOf, folderOf, prepareFolder, type ConversationRef, type RunControl, type RunReport, type RunStart, type TaskJournalSink, type TaskRunSettings } from './task-run.js';
import { inlineRunner, type TaskRunner } from './task-threads.js';
import { ownerContext } from './task-store.js';
import { readTaskInput, type TaskInput } from './task-input.js';
import { requestTraceHeaders } from './trace-context.js';
import { WorkspaceError } from './workspace.js';

export type { TaskJournalSink } from './task-run.js';

export interface ExecutorOptions extends TaskRunSettings {
  /** The worker pool and its queue (fair across keys). */
  scheduler: Scheduler;
  /** Where the runs run (task-threads.ts); default in this thread, with `journal`. */
  runner?: TaskRunner;
  /** An observer for each run (metrics). */
  observe?: () => RunObserver;
  onLog?: (line: Record<string, unknown>) => void;
  /** The SDK's store and bus manager: events of a task nobody listens to (it waits for input) are written directly. */
  taskStore: TaskStore;
  busManager: ExecutionEventBusManager;
  /** A copy of each task's journal kept off this machine (a worker on PostgreSQL: service/pg/journal.ts); inline runs only. */
  journal?: TaskJournalSink;
}

const TASK_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;
const FINAL_STATES = new Set([TaskState.TASK_STATE_COMPLETED, TaskState.TASK_STATE_FAILED, TaskState.TASK_STATE_CANCELED, TaskState.TASK_STATE_REJECTED]);

/** One task's run as this thread sees it, from its first message to its last state; it outlives an execute() call while it waits for input. */
interface Running {
  taskId: string;
  contextId: string;
  /** The owner's call context (scope for the store and the bus). */
  context: ServerCallContext;
  /** Ends the wait for a worker slot. */
  abort: AbortController;
  cancelled: boolean;
  /** The server is stopping: end without a final state, so that the next start resumes the task. */
  leaving: boolean;
  /** Where the run's events go: the bus of whoever listens now. */
  bus: ExecutionEventBus;
  /** Who listens: an execute() call, a CancelTask, or nobody (the task waits for input; events go to the store). */
  listener: 'execute' | 'cancel' | 'none';
  /** Ends the execute() call that listens (the run paused for input, or ended). */
  wake?: () => void;
  /** The question the run waits on. */
  waiting?: ApprovalRequest;
  /** The run itself, once it has a worker slot. */
  control?: RunControl;
  /** The answer to a question asked before a restart, applied when the resumed run asks about that call again. */
  answeredAhead?: { question: ApprovalRequest; answer: Answer };
  finished?: Promise<void>;
}

/** A contextId whose first task ran: the follow-ups continue its session on its copy of the project. */
interface Conversation extends ConversationRef {
  busy: boolean;
}

const conversationKey = (owner: string, contextId: string) => `${owner}\0${contextId}`;

export class DockerExpertExecutor implements AgentExecutor {
  private readonly running = new Map<string, Running>();
  /** Conversations by owner and contextId (this process's; one begun before a restart is recalled from the store). */
  private readonly conversations = new Map<string, Conversation>();
  /** contextIds the request handler just gave to messages that named none (newContext): nothing to recall for them. */
  private readonly newContexts = new Set<string>();
  /** Push delivery for events written while nobody listens (the SDK pushes the others itself). */
  notify?: (event: StreamResponse, context: ServerCallContext, task?: Task) => void;

  private readonly runner: TaskRunner;

  constructor(private readonly options: ExecutorOptions) {
    this.runner = options.runner ?? inlineRunner(options, options.journal);
  }

  /**
   * Whether a message on this task (the store says INPUT_REQUIRED) answers a question: the run waits for input, or the
   * question was asked before a restart and the task's journal is here to go on from.
   */
  waitingForInput(taskId: string): boolean {
    const run = this.running.get(taskId);
    if (run) return run.waiting !== undefined;
    return TASK_ID.test(taskId) && existsSync(this.journalOf(taskId));
  }

  /** See InputWaiter.newContext (request-handler.ts). */
  newContext(contextId: string): () => void {
    this.newContexts.add(contextId);
    return () => this.newContexts.delete(contextId);
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
      run.control?.command({ kind: options.resumable ? 'leave' : 'cancel' });
    }
  }

  /** Ends the task threads (after stopAll, once the runs have left). */
  close(): Promise<void> {
    return this.runner.close();
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
    run.control?.command({ kind: 'cancel' });
  };

  async execute(ctx: RequestContext, bus: ExecutionEventBus): Promise<void> {
    const { taskId, contextId } = ctx;
    if (ctx.task) return this.answer(ctx, bus);
    const key = ctx.context.user?.userName ?? '';
    const reservation = reservationOf(ctx.context.user);
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
      // A contextId made for this message has no conversation yet; another one may have begun before a restart.
      const conversation = this.newContexts.has(contextId) ? undefined : (this.conversations.get(conversationKey(key, contextId)) ?? (await this.recallConversation(key, taskId, contextId, ctx.context)));
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
      const start: RunStart = conversation ? { kind: 'continue', input, conversation } : { kind: 'new', input };
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
    const question = run?.waiting;
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
    run.waiting = undefined;
    run.control?.command({ kind: 'answer', answer });
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
      for (const a of artifactsOf(path.join(folder, 'original'), path.join(folder, 'work'), result)) this.publishArtifact(run, a);
      status(TaskState.TASK_STATE_COMPLETED, [textPart(result.result), dataPart(result)]);
    } finally {
      this.running.delete(task.id);
    }
  }

  /** A worker taking a task over: the task's folder made again from its source (original/ and work/). */
  async rebuildFolder(taskId: string, message: Message, signal: AbortSignal): Promise<string> {
    const folder = this.folderOf(taskId);
    rmSync(folder, { recursive: true, force: true });
    await prepareFolder(this.options, readTaskInput(message).workspace, path.join(folder, 'original'), path.join(folder, 'work'), signal);
    return folder;
  }

  private folderOf(taskId: string): string {
    return folderOf(this.options.dataDir, taskId);
  }

  private log(taskId: string, event: string, extra: Record<string, unknown> = {}): void {
    this.options.onLog?.({ time: new Date().toISOString(), event, task_id: taskId, ...extra });
  }

  /** Waits for a worker slot, then runs the task there (task-run.ts) and relays what it reports. */
  private async run(running: Running, key: string, start: RunStart, reservation?: Reservation): Promise<void> {
    const { taskId, contextId } = running;
    const observer = this.options.observe?.();
    // The caller's trace context, when a request (not a restart) started this run.
    const traceHeaders = requestTraceHeaders();
    const stoppedEarly = () => {
      if (running.leaving) this.log(taskId, 'task_left', { state: 'submitted' });
      else this.publish(running, AgentEvent.statusUpdate(statusUpdate(taskId, contextId, TaskState.TASK_STATE_CANCELED, [textPart('cancelled before it started')])));
    };
    let release: (() => void) | undefined;
    try {
      try {
        release = await this.options.scheduler.acquire(key, running.abort.signal, reservation);
      } catch {
        return stoppedEarly();
      }
      if (running.cancelled || running.leaving) return stoppedEarly();
      running.control = this.runner.start({ taskId, contextId, start, answeredAhead: running.answeredAhead, traceHeaders }, (r) => this.relay(running, key, start, observer, r));
      await running.control.done;
    } catch (err) {
      this.log(taskId, 'task_error', { error: (err as Error).message });
      if (!running.leaving) this.publish(running, AgentEvent.statusUpdate(statusUpdate(taskId, contextId, TaskState.TASK_STATE_FAILED, [textPart(`the run could not start: ${(err as Error).message}`)])));
    } finally {
      release?.();
      this.running.delete(taskId);
      this.conversationFree(key, running, start);
      // No execute() call will settle the bus (the run ended while waiting for input, or under a CancelTask).
      if (running.listener !== 'execute') {
        running.bus.finished();
        this.options.busManager.cleanupByTaskId(taskId, running.context);
      }
    }
  }

  /**
   * The task's conversation takes its next message. Called when the run reports its final state, before that state
   * is published: the caller who sees COMPLETED may send the follow-up at once, before the run itself has returned.
   */
  private conversationFree(key: string, running: Running, start: RunStart): void {
    const conversation = this.conversations.get(conversationKey(key, running.contextId));
    if (conversation && (start.kind !== 'resume' || conversation.sessionId === running.taskId)) {
      conversation.busy = false;
      conversation.lastTaskId = running.taskId;
    }
  }

  /** One report of a run, as A2A events, metrics and log lines. */
  private relay(running: Running, key: string, start: RunStart, observer: RunObserver | undefined, r: RunReport): void {
    const { taskId, contextId } = running;
    switch (r.kind) {
      case 'status':
        if (FINAL_STATES.has(r.state)) this.conversationFree(key, running, start);
        return this.publish(running, AgentEvent.statusUpdate(statusUpdate(taskId, contextId, r.state, r.parts)));
      case 'artifact':
        return this.publishArtifact(running, r.artifact);
      case 'ask':
        running.waiting = r.question;
        this.publish(running, AgentEvent.statusUpdate(statusUpdate(taskId, contextId, TaskState.TASK_STATE_INPUT_REQUIRED, r.parts)));
        // The request that listened gets its answer (INPUT_REQUIRED); the run waits without a listener.
        running.listener = 'none';
        running.wake?.();
        return;
      case 'started':
        if (start.kind === 'new') this.conversations.set(conversationKey(key, contextId), { folder: this.folderOf(taskId), sessionId: taskId, lastTaskId: taskId, busy: true });
        return;
      case 'metric':
        return observer?.runMetric(r.metric);
      case 'ended':
        return observer?.runEnded(r.outcome, r.durationMs);
      case 'log':
        return this.log(taskId, r.event, r.event === 'task_started' ? { key, ...r.extra } : r.extra);
    }
  }

  private publishArtifact(run: Running, artifact: Parameters<typeof AgentEvent.artifactUpdate>[0]['artifact']): void {
    this.publish(run, AgentEvent.artifactUpdate({ taskId: run.taskId, contextId: run.contextId, artifact, append: false, lastChunk: true, metadata: undefined }));
  }
}
