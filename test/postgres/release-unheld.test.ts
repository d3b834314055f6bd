/**
 * A live worker's lost tasks (issue 18, "a PostgreSQL restart loses nothing"): a task row the worker holds but is not
 * claiming or running (its run failed while the database was away, so neither the outcome nor pg-boss's fail of the
 * job was stored) is released; what it runs, other workers' rows and finished tasks are left alone.
 */
import { describe, expect, it } from 'vitest';
import { TaskTable } from '../../service/pg/tasks.js';
import { postgresForTests } from '../support/postgres.js';
import { freshStore } from './store-fixture.js';

const db = await postgresForTests('a live worker releases the tasks it holds but does not run');

describe.skipIf(db.skip !== undefined)(db.title, () => {
  const fixture = freshStore(db);

  it('releases only its own unfinished rows it does not hold, and only while no claim came in between', async () => {
    const task = (id: string, worker: string | null, finished = false) =>
      fixture.connection.pool.query(`INSERT INTO dx_tasks (task_id, tenant, owner, context_id, message, worker_id, job_id, attempts, finished) VALUES ($1, '', 'k', 'c', '{}', $2, 'j', 1, $3)`, [id, worker, finished]);
    await task('running', 'me');
    await task('lost-1', 'me');
    await task('lost-2', 'me');
    await task('other', 'someone-else');
    await task('done', 'me', true);
    const tasks = new TaskTable(fixture.connection.pool);
    const lost = await tasks.unheld('me', new Set(['running']));
    expect(lost.map((r) => r.taskId).sort()).toEqual(['lost-1', 'lost-2']);
    // lost-2 is claimed again (by this worker, a new attempt) between finding it and releasing it: it is kept.
    await tasks.claim('lost-2', 'me', 'j');
    const released = await tasks.release('me', lost);
    const { rows } = await fixture.connection.pool.query<{ task_id: string; worker_id: string | null }>('SELECT task_id, worker_id FROM dx_tasks ORDER BY task_id');
    expect(Object.fromEntries(rows.map((r) => [r.task_id, r.worker_id]))).toEqual({ done: 'me', 'lost-1': null, 'lost-2': 'me', other: 'someone-else', running: 'me' });
    expect(released).toEqual(['lost-1']);
  });
});
