/**
 * The executor of an API server on PostgreSQL: it runs nothing itself. A new task is recorded (dx_tasks), queued
 * (pg-boss) and then followed: the events the worker running it appends to dx_task_events are published on this
 * request's bus in order until the task ends or needs its caller, so a client streaming from any API server sees
 * every event of a task running on any worker. Cancel is passed to the worker through the database.
 */
import { TaskState } from '@a2a-js/sdk';
import { AgentEvent, type AgentExecutor, type ExecutionEventBus, type RequestContext } from '@a2a-js/sdk/server';
import type PgBoss from 'pg-boss';
import type pg from 'pg';
import { reservationOf } from '../auth.js';
import { FOLLOW_UP_UNSUPPORTED, statusUpdate, submittedTask, textPart } from '../messages.js';
import { SETTLED_STATES } from '../task-store.js';
import { readTaskInput } from '../task-input.js';
import { WorkspaceError } from '../workspace.js';
import { followTask, type Notifications, type TaskEventLog } from './events.js';
import { enqueueTask } from './queue.js';
import { TaskTable } from './tasks.js';

/** States after which a task's stream ends (the SDK's rule: final, or waiting on the caller). */
export const STREAM_END_STATES = new Set(SETTLED_STATES);

export interface QueueExecutorOptions {
  pool: pg.Pool;
  boss: PgBoss;
  log: TaskEventLog;
  notifications: Notifications;
  /** --max-running-per-key: a key's tasks held by workers at once, across all of them (undefined: their slots only). */
  maxRunningPerKey?: number;
  onLog?: (line: Record<string, unknown>) => void;
}

export class QueueExecutor implements AgentExecutor {
  private readonly tasks: TaskTable;
  private readonly following = new Map<string, AbortController>();

  constructor(private readonly options: QueueExecutorOptions) {
    this.tasks = new TaskTable(options.pool);
  }

  /** Tasks this server is following. */
  get active(): number {
    return this.following.size;
  }

  /** Stops following (server shutdown); the tasks go on on their workers. */
  stopAll(): void {
    for (const f of this.following.values()) f.abort();
  }

  cancelTask = async (taskId: string, bus: ExecutionEventBus): Promise<void> => {
    const outcome = await this.tasks.requestCancel(taskId);
    if (outcome === 'unclaimed' || outcome === 'finished') {
      // No worker will say it: this server does (the task's follower, if any, ends on it too).
      const event = AgentEvent.statusUpdate(statusUpdate(taskId, '', TaskState.TASK_STATE_CANCELED, [textPart('cancelled before a worker started it')]));
      if (outcome === 'unclaimed') await this.options.log.append(taskId, event);
      else bus.publish(event);
    }
  };

  async execute(ctx: RequestContext, bus: ExecutionEventBus): Promise<void> {
    const { taskId, contextId } = ctx;
    const publishStatus = (state: TaskState, text: string) => bus.publish(AgentEvent.statusUpdate(statusUpdate(taskId, contextId, state, [textPart(text)])));
    if (ctx.task) {
      bus.publish(AgentEvent.task(ctx.task));
      publishStatus(TaskState.TASK_STATE_FAILED, FOLLOW_UP_UNSUPPORTED);
      return;
    }
    let refused: string | undefined;
    try {
      readTaskInput(ctx.userMessage);
    } catch (err) {
      if (!(err instanceof WorkspaceError)) throw err;
      refused = err.message;
    }
    const owner = ctx.context.user?.userName ?? '';
    // The dx_tasks row exists before the task's first save (ApiTaskStore decides by it who writes the task).
    if (refused === undefined) {
      await this.tasks.insert({ taskId, tenant: ctx.context.tenant ?? '', owner, contextId, message: ctx.userMessage, maxRunning: this.options.maxRunningPerKey }, reservationOf(ctx.context.user)?.placeId);
    }
    bus.publish(AgentEvent.task(submittedTask(ctx)));
    if (refused !== undefined) {
      publishStatus(TaskState.TASK_STATE_FAILED, refused);
      return;
    }
    await enqueueTask(this.options.boss, this.options.pool, taskId, owner);
    this.options.onLog?.({ time: new Date().toISOString(), event: 'task_queued', task_id: taskId });
    const abort = new AbortController();
    this.following.set(taskId, abort);
    try {
      await followTask(
        this.options.log,
        this.options.notifications,
        taskId,
        0,
        ({ event }) => {
          // The worker's own first `task` event repeats what was published above.
          if (event.kind === 'task') return false;
          bus.publish(event);
          return event.kind === 'statusUpdate' && event.data.status !== undefined && STREAM_END_STATES.has(event.data.status.state);
        },
        abort.signal,
      );
    } finally {
      this.following.delete(taskId);
    }
  }
}
