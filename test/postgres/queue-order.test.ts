/**
 * Queue order is fair across API keys (issue 18): a key that queues many tasks does not hold back another key's
 * first one. Each job's priority is minus its key's jobs already waiting, so pg-boss hands jobs out round-robin
 * across keys, each key's own in the order sent.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../service/pg/backend.js';
import { enqueueTask, QUEUE_NAME, startBoss, type TaskJob } from '../../service/pg/queue.js';
import { TaskTable } from '../../service/pg/tasks.js';
import { postgresForTests } from '../support/postgres.js';
import { userMessage } from '../service/helpers.js';

const db = await postgresForTests('queue order across keys');

describe.skipIf(db.skip !== undefined)(db.title, () => {
  afterAll(() => db.dropAll());

  it('takes one task of each waiting key in turn, not all of the key that sent first', async () => {
    const url = await db.freshDatabase();
    const { connection, store } = await openStore(url);
    const boss = await startBoss(url, { maxConnections: 2 });
    try {
      const tasks = new TaskTable(connection.pool);
      const send = async (taskId: string, owner: string) => {
        await tasks.insert({ taskId, tenant: '', owner, contextId: 'c', message: userMessage(taskId, []) });
        await enqueueTask(boss, connection.pool, taskId, owner);
      };
      for (let i = 1; i <= 5; i++) await send(`a${i}`, 'key-a');
      for (let i = 1; i <= 2; i++) await send(`b${i}`, 'key-b');
      await send('c1', 'key-c');
      const order: string[] = [];
      for (;;) {
        const [job] = await boss.fetch<TaskJob>(QUEUE_NAME);
        if (!job) break;
        order.push(job.data.taskId);
      }
      expect(order).toEqual(['a1', 'b1', 'c1', 'a2', 'b2', 'a3', 'a4', 'a5']);
    } finally {
      await boss.stop({ graceful: false, wait: true });
      await store.close();
    }
  }, 60_000);
});
