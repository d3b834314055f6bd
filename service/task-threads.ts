/**
 * Where tasks run: on a small pool of worker threads (`--task-threads`, started as tasks need them), so that the
 * service's own event loop only accepts, stores and relays while the runs do their work elsewhere. A thread that dies
 * (an uncaught error, out of memory) fails the tasks it ran, after killing their processes and removing their
 * containers; the service and the other threads go on, and the next task gets a new thread. `inlineRunner` runs tasks
 * on the calling thread instead (a PostgreSQL worker, whose journal sink lives there).
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { TaskState } from '@a2a-js/sdk';
import { packageRoot } from '../agent/package-root.js';
import { flushTimeoutMs } from '../agent/telemetry/index.js';
import { textPart } from './messages.js';
import { killMarked } from '../tools/bash/guardian.js';
import { removeTaskContainers } from './task-containers.js';
import { runTask, type RunCommand, type RunControl, type RunReport, type TaskJournalSink, type TaskRunRequest, type TaskRunSettings } from './task-run.js';

export interface TaskRunner {
  start(request: TaskRunRequest, report: (r: RunReport) => void): RunControl;
  /** Ends the threads (their runs have been told to leave, or have ended). */
  close(): Promise<void>;
}

/** Messages to a task thread. */
export type ToThread = { kind: 'start'; request: TaskRunRequest } | { kind: 'command'; taskId: string; command: RunCommand } | { kind: 'close'; flushMs: number };
/** Messages from a task thread. */
export type FromThread = { taskId: string; report: RunReport } | { taskId: string; done: true } | { marker: string } | { closed: true };

export function inlineRunner(settings: TaskRunSettings, journal?: TaskJournalSink): TaskRunner {
  return { start: (request, report) => runTask(settings, request, report, journal), close: async () => {} };
}

interface ThreadRun {
  report: (r: RunReport) => void;
  done: () => void;
}

interface Thread {
  worker: Worker;
  runs: Map<string, ThreadRun>;
  error?: Error;
  /** The marker in the environment of the thread's Bash processes (tools/bash/guardian.ts). */
  marker?: string;
  /** Called when the thread says it has sent out its telemetry (close). */
  onClosed?: () => void;
}

/** The bundle's thread entry (dist/task-thread.js); from source (the tests) too: it is built from the same source. */
function defaultEntry(): URL {
  const here = fileURLToPath(import.meta.url);
  return here.endsWith('.ts') ? pathToFileURL(path.join(packageRoot(), 'dist', 'task-thread.js')) : new URL('./task-thread.js', import.meta.url);
}

export class TaskThreadPool implements TaskRunner {
  private readonly threads: Thread[] = [];
  private closing = false;

  constructor(
    private readonly settings: TaskRunSettings,
    /** Threads at most (the worker slots: one run each while the scheduler grants no more). */
    private readonly size: number,
    private readonly options: { entry?: URL; onLog?: (line: Record<string, unknown>) => void } = {},
  ) {}

  start(request: TaskRunRequest, report: (r: RunReport) => void): RunControl {
    const thread = this.pick();
    let done!: () => void;
    const finished = new Promise<void>((resolve) => (done = resolve));
    thread.runs.set(request.taskId, { report, done });
    thread.worker.postMessage({ kind: 'start', request } satisfies ToThread);
    return {
      command: (command) => {
        if (thread.runs.has(request.taskId)) thread.worker.postMessage({ kind: 'command', taskId: request.taskId, command } satisfies ToThread);
      },
      done: finished,
    };
  }

  /**
   * Ends the threads. Each first sends out its telemetry (a thread has its own OpenTelemetry SDK: its spans and
   * metrics would be lost with it), waiting at most the flush bound, as a run does at exit.
   */
  async close(): Promise<void> {
    this.closing = true;
    const flushMs = flushTimeoutMs(this.settings.env);
    await Promise.all(
      this.threads.map(async (t) => {
        const closed = new Promise<void>((resolve) => {
          t.onClosed = resolve;
          t.worker.once('exit', () => resolve());
        });
        t.worker.postMessage({ kind: 'close', flushMs } satisfies ToThread);
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([closed, new Promise<void>((resolve) => (timer = setTimeout(resolve, flushMs + 1_000)))]);
        clearTimeout(timer);
        await t.worker.terminate();
      }),
    );
  }

  /** The thread with the fewest runs; a new one while some slot has none. */
  private pick(): Thread {
    const idle = this.threads.find((t) => t.runs.size === 0);
    if (idle) return idle;
    if (this.threads.length < this.size) return this.spawn();
    return this.threads.reduce((a, b) => (b.runs.size < a.runs.size ? b : a));
  }

  private spawn(): Thread {
    const worker = new Worker(this.options.entry ?? defaultEntry(), { workerData: this.settings, name: 'docker-expert task' });
    const thread: Thread = { worker, runs: new Map() };
    this.threads.push(thread);
    worker.on('message', (m: FromThread) => {
      if ('marker' in m) {
        thread.marker = m.marker;
        return;
      }
      if ('closed' in m) return void thread.onClosed?.();
      const run = thread.runs.get(m.taskId);
      if (!run) return;
      if ('done' in m) {
        thread.runs.delete(m.taskId);
        run.done();
      } else run.report(m.report);
    });
    worker.on('error', (err) => (thread.error = err));
    worker.on('exit', (code) => void this.lost(thread, code));
    return thread;
  }

  /** A thread ended: if the service did not end it, its runs fail (their containers removed first). */
  private async lost(thread: Thread, code: number): Promise<void> {
    this.threads.splice(this.threads.indexOf(thread), 1);
    const runs = [...thread.runs];
    thread.runs.clear();
    if (this.closing) {
      for (const [, run] of runs) run.done();
      return;
    }
    const why = thread.error?.message ?? `it exited with code ${code}`;
    // Its guardian's pipe stays open (a thread's end closes no file): its Bash processes are killed here.
    const killed = thread.marker ? killMarked(thread.marker) : 0;
    this.options.onLog?.({ time: new Date().toISOString(), event: 'task_thread_died', error: why, task_ids: runs.map(([id]) => id), processes_killed: killed });
    await Promise.all(
      runs.map(async ([taskId, run]) => {
        try {
          const removed = await removeTaskContainers(this.settings.env, taskId);
          if (removed.length > 0) run.report({ kind: 'log', event: 'task_containers_removed', extra: { containers: removed } });
        } catch (err) {
          run.report({ kind: 'log', event: 'task_containers_error', extra: { error: (err as Error).message } });
        }
        run.report({ kind: 'status', state: TaskState.TASK_STATE_FAILED, parts: [textPart(`the task's thread stopped (${why}); the run was lost`)] });
        run.done();
      }),
    );
  }
}
