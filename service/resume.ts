/**
 * At start, every task the store holds SUBMITTED or WORKING is one a previous process did not finish (killed, or
 * stopped past `--drain-timeout`): it goes back into the queue and continues from its journal (executor.resume). Its
 * events reach the store and any SubscribeToTask caller through the SDK's own pieces: a bus from the request
 * handler's bus manager (so CancelTask and SubscribeToTask find it) drained by a ResultManager for its owner.
 */
import { ExecutionEventQueue, ResultManager, type ExecutionEventBusManager } from '@a2a-js/sdk/server';
import type { DockerExpertExecutor } from './executor.js';
import { ownerContext, type ServiceTaskStore } from './task-store.js';

export async function resumeUnfinished(
  store: ServiceTaskStore,
  executor: DockerExpertExecutor,
  buses: ExecutionEventBusManager,
  log: (line: Record<string, unknown>) => void,
): Promise<number> {
  const refs = await store.unfinished();
  for (const ref of refs) {
    const task = await store.load(ref);
    if (!task) continue;
    const context = ownerContext(ref);
    const bus = buses.createOrGetByTaskId(ref.id, context);
    const results = new ResultManager(store.tasks, context);
    const queue = new ExecutionEventQueue(bus);
    const saved = (async () => {
      for await (const event of queue.events()) await results.processEvent(event);
    })();
    void executor
      .resume(task, ref.owner, bus)
      .catch((err: Error) => log({ time: new Date().toISOString(), event: 'task_error', task_id: ref.id, error: err.message }))
      .finally(async () => {
        bus.finished();
        await saved.catch((err: Error) => log({ time: new Date().toISOString(), event: 'store_error', task_id: ref.id, error: err.message }));
        buses.cleanupByTaskId(ref.id, context);
      });
  }
  return refs.length;
}
