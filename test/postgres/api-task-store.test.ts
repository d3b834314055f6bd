/**
 * How an API server on PostgreSQL applies the events it follows (service/pg/api-task-store.ts), with the SDK's own
 * ResultManager: while a worker holds the task its saves are skipped, and the request's next load gets its own
 * version back (so a follower reading behind the worker neither reads a row that has moved past its events nor
 * costs a second query per event); another request reads the row; once no worker holds the task the save writes.
 */
import { Message, Role, TaskState, type Task } from '@a2a-js/sdk';
import { AgentEvent, ResultManager } from '@a2a-js/sdk/server';
import { describe, expect, it } from 'vitest';
import { ApiTaskStore } from '../../service/pg/api-task-store.js';
import { TaskTable } from '../../service/pg/tasks.js';
import { statusUpdate, textPart } from '../../service/messages.js';
import { ownerContext } from '../../service/task-store.js';
import { postgresForTests } from '../support/postgres.js';
import { freshStore } from './store-fixture.js';

const db = await postgresForTests('an API server skips its saves of a held task and keeps them for its own request');

describe.skipIf(db.skip !== undefined)(db.title, () => {
  const fixture = freshStore(db);

  it('a held task: the row is the worker’s, the following request sees its own events in order; released: the save writes', async () => {
    const api = new ApiTaskStore(fixture.connection.db, fixture.connection.pool, fixture.store.tasks);
    const tasks = new TaskTable(fixture.connection.pool);
    const owner = () => ownerContext({ tenant: '', owner: 'k' });
    const message = Message.fromJSON({ messageId: 'm', role: Role.ROLE_USER, parts: [{ text: 'x' }] });
    const texts = (task: Task | undefined) => task?.history?.map((m) => (m.parts[0]?.content?.$case === 'text' ? m.parts[0].content.value : '?'));
    const start = async (taskId: string) => {
      await tasks.insert({ taskId, tenant: '', owner: 'k', contextId: 'c', message });
      // The API server's request writes the submitted task (no worker holds it yet).
      const follower = new ResultManager(api, owner());
      follower.setContext(message);
      await follower.processEvent(AgentEvent.task({ id: taskId, contextId: 'c', status: { state: TaskState.TASK_STATE_SUBMITTED, timestamp: new Date().toISOString(), message: undefined }, artifacts: [], history: [message], metadata: undefined }));
      expect((await fixture.store.tasks.load(taskId, owner()))?.status?.state).toBe(TaskState.TASK_STATE_SUBMITTED);
      await tasks.claim(taskId, 'worker-1', `job-${taskId}`);
      // The worker applies the same events to the row itself.
      const worker = new ResultManager(fixture.store.tasks, owner());
      const status = (state: TaskState, text: string) => AgentEvent.statusUpdate(statusUpdate(taskId, 'c', state, [textPart(text)]));
      return { follower, worker, status };
    };

    const { follower, worker, status } = await start('t1');
    const one = status(TaskState.TASK_STATE_WORKING, 'one');
    const two = status(TaskState.TASK_STATE_WORKING, 'two');
    const end = status(TaskState.TASK_STATE_COMPLETED, 'done');
    await worker.processEvent(one);
    await follower.processEvent(one);
    // The worker has finished before the follower gets to its second event.
    await worker.processEvent(two);
    await worker.processEvent(end);
    await follower.processEvent(two);
    expect(follower.getCurrentTask()?.status?.state).toBe(TaskState.TASK_STATE_WORKING);
    expect(texts(follower.getCurrentTask())).toEqual(['x', 'one', 'two']);
    await follower.processEvent(end);
    expect(follower.getCurrentTask()?.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
    expect(texts(follower.getCurrentTask())).toEqual(['x', 'one', 'two', 'done']);
    // Another request reads the row, which is the worker's alone.
    const row = await api.load('t1', owner());
    expect(row?.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
    expect(texts(row)).toEqual(['x', 'one', 'two', 'done']);

    // A task whose worker was found dead (nobody holds it) and is cancelled: this server writes the cancel.
    const second = await start('t2');
    const first = second.status(TaskState.TASK_STATE_WORKING, 'one');
    await second.worker.processEvent(first);
    await second.follower.processEvent(first);
    await fixture.connection.pool.query('UPDATE dx_tasks SET worker_id = NULL WHERE task_id = $1', ['t2']);
    await second.follower.processEvent(second.status(TaskState.TASK_STATE_CANCELED, 'cancelled'));
    const written = await fixture.store.tasks.load('t2', owner());
    expect(written?.status?.state).toBe(TaskState.TASK_STATE_CANCELED);
    expect(texts(written)).toEqual(['x', 'one', 'cancelled']);
  });
});
