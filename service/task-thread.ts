/**
 * A task thread (task-threads.ts starts it): runs the tasks the service hands it with the same runTask as anywhere
 * else, and sends their reports back. Its own event loop does a task's heavy parts (unpacking, the session, diffs,
 * redaction), so the service's requests never wait behind them.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runTask, type RunControl, type TaskRunRequest, type TaskRunSettings } from './task-run.js';
import type { FromThread, ToThread } from './task-threads.js';
import { shutdownTelemetry } from '../agent/telemetry/index.js';
import { TOOL_MARKER } from '../tools/bash/guardian.js';
import { lowerThisThread } from './thread-priority.js';

const settings = workerData as TaskRunSettings;
// Requests first: this thread yields the CPU to the request thread (thread-priority.ts).
lowerThisThread();
const port = parentPort!;
const runs = new Map<string, RunControl>();
// The marker this thread's Bash processes carry: if the thread dies, the service kills them by it.
port.postMessage({ marker: TOOL_MARKER });

port.on('message', (m: ToThread) => {
  if (m.kind === 'close') {
    // The service is closing: this thread's spans and metrics go out before it is ended.
    void shutdownTelemetry(m.flushMs).then(() => port.postMessage({ closed: true } satisfies FromThread));
    return;
  }
  if (m.kind === 'command') {
    runs.get(m.taskId)?.command(m.command);
    return;
  }
  const request = revive(m.request);
  const { taskId } = request;
  const run = runTask(settings, request, (report) => port.postMessage({ taskId, report }));
  runs.set(taskId, run);
  void run.done.finally(() => {
    runs.delete(taskId);
    port.postMessage({ taskId, done: true });
  });
});

/** An archive arrives as a Uint8Array (a copy between threads keeps no Buffer prototype). */
function revive(request: TaskRunRequest): TaskRunRequest {
  const { start } = request;
  if (start.kind === 'resume' || start.input.workspace.kind !== 'archive') return request;
  const data = start.input.workspace.data as Uint8Array;
  return { ...request, start: { ...start, input: { ...start.input, workspace: { ...start.input.workspace, data: Buffer.from(data.buffer, data.byteOffset, data.byteLength) } } } };
}
