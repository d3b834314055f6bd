/**
 * A write-behind cache in front of the SDK's task store, for rows only this process writes: a SQLite store, or on
 * PostgreSQL the rows of the tasks a worker holds (no other process writes a held task's row: api-task-store.ts).
 *
 * The SDK's ResultManager loads the whole task row and writes it back for every event: about twenty times per task
 * (each workflow step, tool call and artifact), and every write re-encodes the history, which holds the uploaded
 * archive. Here each SUBMITTED or WORKING task's latest version stays in memory: load() is a copy of it (copyOf). A save that
 * changes the task's state (SUBMITTED, WORKING, INPUT_REQUIRED, an end) is written before it returns, so what a restart
 * finds is the truth about the state (resume.ts relies on it: a task the store says is WORKING has started its run).
 * Saves within a state (progress updates, artifacts before the final state) are written together `delayMs` later; a
 * kill -9 can lose only those, and the journal has them anyway.
 *
 * Writes are queued one after another, so the row always ends as the newest version. A task leaves the cache when a
 * state it can rest in (an end, INPUT_REQUIRED) is written: loads go to the store again.
 */
import { TaskState, type ListTasksRequest, type ListTasksResponse, type Task } from '@a2a-js/sdk';
import { resolveUserScope, type ServerCallContext, type TaskStore } from '@a2a-js/sdk/server';

/** How long a progress update may wait before it is written (`serve` default). */
export const DEFAULT_COALESCE_MS = 200;

const CACHED_STATES = new Set<TaskState | undefined>([TaskState.TASK_STATE_SUBMITTED, TaskState.TASK_STATE_WORKING]);

interface Entry {
  /** The newest version (a private copy). */
  task: Task;
  context: ServerCallContext;
  /** The state of the last write queued. */
  written: TaskState | undefined;
  timer?: NodeJS.Timeout;
}

export class CoalescingTaskStore implements TaskStore {
  private readonly entries = new Map<string, Entry>();
  private writes: Promise<void> = Promise.resolve();

  constructor(
    private readonly inner: TaskStore,
    private readonly delayMs = DEFAULT_COALESCE_MS,
    private readonly onError: (err: Error, taskId: string) => void = () => {},
  ) {}

  async load(taskId: string, context: ServerCallContext): Promise<Task | undefined> {
    const entry = this.entries.get(keyOf(taskId, context));
    return entry ? copyOf(entry.task) : this.inner.load(taskId, context);
  }

  async save(task: Task, context: ServerCallContext): Promise<void> {
    const key = keyOf(task.id, context);
    const state = task.status?.state;
    const entry = this.entries.get(key);
    if (entry && entry.written === state) {
      entry.task = copyOf(task);
      entry.timer ??= setTimeout(() => void this.flush(key), this.delayMs);
      return;
    }
    // The new version holds every pending update: none is written on its own any more. The cached version is
    // dropped only once the write has landed: a failed write (the database away for a moment) that the caller
    // retries loads the latest version again, not the store's older row.
    if (entry) {
      clearTimeout(entry.timer);
      entry.timer = undefined;
    }
    await this.write(task, context);
    if (entry && this.entries.get(key) === entry) this.entries.delete(key);
    if (CACHED_STATES.has(state)) this.entries.set(key, { task: copyOf(task), context, written: state });
  }

  /**
   * Writes a task's pending update, if any, and drops its cached version: this process stops being its writer (a
   * worker whose run of it ended without a final state, so that another may take it over).
   */
  async leave(taskId: string, context: ServerCallContext): Promise<void> {
    const key = keyOf(taskId, context);
    const entry = this.entries.get(key);
    if (entry) {
      const pending = entry.timer !== undefined;
      this.forget(key, entry);
      if (pending) void this.write(entry.task, entry.context).catch((err: Error) => this.onError(err, taskId));
    }
    // Also a write already under way: nothing of ours lands after this.
    await this.writes;
  }

  list(params: ListTasksRequest, context: ServerCallContext): Promise<ListTasksResponse> {
    return this.inner.list(params, context);
  }

  /** Drops a task's cached version without writing it (the task is being removed). */
  evict(taskId: string, context: ServerCallContext): void {
    const key = keyOf(taskId, context);
    const entry = this.entries.get(key);
    if (entry) this.forget(key, entry);
  }

  /** Writes every pending update (before the store closes). */
  async flushAll(): Promise<void> {
    for (const key of [...this.entries.keys()]) void this.flush(key);
    await this.writes;
  }

  private flush(key: string): Promise<void> {
    const entry = this.entries.get(key);
    if (!entry?.timer) return this.writes;
    clearTimeout(entry.timer);
    entry.timer = undefined;
    return this.write(entry.task, entry.context).catch((err: Error) => this.onError(err, entry.task.id));
  }

  private forget(key: string, entry: Entry): void {
    clearTimeout(entry.timer);
    this.entries.delete(key);
  }

  /** Queued after the writes before it; the inner store serialises the task when the write starts. */
  private write(task: Task, context: ServerCallContext): Promise<void> {
    const done = this.writes.then(() => this.inner.save(task, context));
    this.writes = done.catch(() => {});
    return done;
  }
}

/**
 * A private copy, as deep as the SDK's use needs and no deeper (a deep copy of the whole history for every event was
 * a tenth of the service thread's time): the ResultManager and the request handler replace a task's fields (status,
 * history, metadata, an artifact in the list, an appended artifact's fields) but never change a message, part or
 * status in place, so the task, its two lists and the artifacts are copied and what they hold is shared.
 */
export function copyOf(task: Task): Task {
  return { ...task, history: task.history && [...task.history], artifacts: task.artifacts && task.artifacts.map((a) => ({ ...a })) };
}

/** The SDK's own scope (tenant, owner) plus the id: another key never sees a cached task. */
function keyOf(taskId: string, context: ServerCallContext): string {
  return `${context.tenant ?? ''}\0${resolveUserScope(context)}\0${taskId}`;
}
