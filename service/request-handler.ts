/**
 * The SDK's request handler with one rule of ours in front: a message naming a task is the answer to that task's
 * approval question, so it is refused (nothing changes) unless the task waits for input. Without this the SDK would
 * start a second execution on a running task.
 */
import { randomUUID } from 'node:crypto';
import { TaskState, type Message, type SendMessageRequest, type StreamResponse, type Task } from '@a2a-js/sdk';
import { UnsupportedOperationError } from '@a2a-js/sdk/errors';
import { DefaultRequestHandler, type AgentExecutionEvent, type ExecutionEventBusManager, type ServerCallContext, type TaskStore } from '@a2a-js/sdk/server';
import type { CancelTaskRequest, SubscribeToTaskRequest } from '@a2a-js/sdk';

/** A task's events from its first on, wherever it runs, until it ends or waits for its caller (PostgreSQL: service/pg/events.ts). */
export type TaskReplay = (taskId: string, signal: AbortSignal) => AsyncIterable<AgentExecutionEvent>;

/** Tasks that run elsewhere (PostgreSQL: on workers, sent through any API server). */
export interface RemoteTasks {
  replay: TaskReplay;
  /** Asks for the task's cancel wherever it runs (or ends it, when nothing runs it yet). */
  cancel(taskId: string): Promise<void>;
}

const TERMINAL = [TaskState.TASK_STATE_COMPLETED, TaskState.TASK_STATE_FAILED, TaskState.TASK_STATE_CANCELED, TaskState.TASK_STATE_REJECTED];

export interface InputWaiter {
  waitingForInput(taskId: string): boolean;
  /**
   * A message that names neither a task nor a contextId begins a conversation: the handler gives it its contextId (as
   * the SDK would, a random UUID) and says so here, so that the executor does not look for an earlier one in the store.
   * The returned function ends the notice (once the request is done).
   */
  newContext?(contextId: string): () => void;
}

export class ServiceRequestHandler extends DefaultRequestHandler {
  private store?: TaskStore;
  private waiter?: InputWaiter;
  private remote?: RemoteTasks & { buses: ExecutionEventBusManager };

  /** Called once after construction (the SDK's constructor takes many positional arguments; we keep them as they are). */
  guardFollowUps(store: TaskStore, waiter: InputWaiter): this {
    this.store = store;
    this.waiter = waiter;
    return this;
  }

  /**
   * On PostgreSQL a task runs on a worker and its events are in the database. A server that holds no bus for a task
   * (it was sent through another server, or this one restarted) replays them for SubscribeToTask from the first on,
   * and passes CancelTask on to wherever the task runs (the SDK alone would only mark the stored task cancelled).
   */
  remoteTasks(buses: ExecutionEventBusManager, remote: RemoteTasks): this {
    this.remote = { buses, ...remote };
    return this;
  }

  override async cancelTask(params: CancelTaskRequest, context: ServerCallContext): Promise<Task> {
    if (this.remote && !this.remote.buses.getByTaskId(params.id, context)) {
      // Only the caller's own task, and only while it has not ended (the SDK answers the rest as it does).
      const task = await this.store?.load(params.id, context);
      if (task?.status !== undefined && !TERMINAL.includes(task.status.state)) await this.remote.cancel(params.id);
    }
    return super.cancelTask(params, context);
  }

  override async *resubscribe(params: SubscribeToTaskRequest, context: ServerCallContext): AsyncGenerator<StreamResponse, void, undefined> {
    const remote = this.remote && !this.remote.buses.getByTaskId(params.id, context) ? this.remote : undefined;
    // The SDK's own checks (unknown, another key's, already ended) and the task as stored; it stops there without a bus.
    yield* super.resubscribe(params, context);
    if (!remote) return;
    const stop = new AbortController();
    try {
      for await (const event of remote.replay(params.id, stop.signal)) {
        if (event.kind === 'statusUpdate') yield { payload: { $case: 'statusUpdate', value: event.data } };
        else if (event.kind === 'artifactUpdate') yield { payload: { $case: 'artifactUpdate', value: event.data } };
      }
    } finally {
      stop.abort();
    }
  }

  override async sendMessage(params: SendMessageRequest, context: ServerCallContext): Promise<Message | Task> {
    await this.checkTaskMessage(params, context);
    const fresh = this.withNewContext(params);
    try {
      return await super.sendMessage(fresh?.params ?? params, context);
    } finally {
      fresh?.done();
    }
  }

  override async *sendMessageStream(params: SendMessageRequest, context: ServerCallContext): AsyncGenerator<StreamResponse, void, undefined> {
    await this.checkTaskMessage(params, context);
    const fresh = this.withNewContext(params);
    try {
      yield* super.sendMessageStream(fresh?.params ?? params, context);
    } finally {
      fresh?.done();
    }
  }

  /** A message without task and contextId: the request with the contextId its new conversation gets. */
  private withNewContext(params: SendMessageRequest): { params: SendMessageRequest; done: () => void } | undefined {
    const message = params.message;
    if (!message || message.taskId || message.contextId || !this.waiter?.newContext) return undefined;
    const contextId = randomUUID();
    return { params: { ...params, message: { ...message, contextId } }, done: this.waiter.newContext(contextId) };
  }

  private async checkTaskMessage(params: SendMessageRequest, context: ServerCallContext): Promise<void> {
    const taskId = params.message?.taskId;
    if (!taskId || !this.store || !this.waiter) return;
    const task = await this.store.load(taskId, context);
    // Unknown (or another key's) and ended tasks get the SDK's own answers.
    if (!task || task.status === undefined || TERMINAL.includes(task.status.state)) return;
    if (task.status.state === TaskState.TASK_STATE_INPUT_REQUIRED && this.waiter.waitingForInput(taskId)) return;
    throw new UnsupportedOperationError(
      `task ${taskId} is ${TaskState[task.status.state] ?? task.status.state} and not waiting for input: a message on a task answers its approval question (TASK_STATE_INPUT_REQUIRED) only. To go on with the conversation, send a new message with contextId ${task.contextId} once the task has ended.`,
    );
  }
}
