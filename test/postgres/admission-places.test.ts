/**
 * The per-key limit on PostgreSQL counts each request in flight exactly once (issue 18). Two requests of one key hold
 * places; when the second one's task is queued, its row takes over the second's place, not the older one's, which
 * still belongs to the first request: had it taken the older place, the first request would end (releasing its own
 * place) and leave the second request's task and the first's in-flight request counted as one.
 */
import { Message, Role } from '@a2a-js/sdk';
import { describe, expect, it } from 'vitest';
import { PgAdmission } from '../../service/pg/admission.js';
import { TaskTable } from '../../service/pg/tasks.js';
import { SchedulerRefusal } from '../../service/scheduler.js';
import { postgresForTests } from '../support/postgres.js';
import { freshStore } from './store-fixture.js';

const db = await postgresForTests("a task's row takes over its own request's place in the per-key limit");

describe.skipIf(db.skip !== undefined)(db.title, () => {
  const fixture = freshStore(db);

  it('the second request queues its task: the first still holds its place, and the limit of two is reached', async () => {
    const admission = new PgAdmission(fixture.connection.pool, 2);
    const tasks = new TaskTable(fixture.connection.pool);
    const places = async () => (await fixture.connection.pool.query<{ id: string }>("SELECT id FROM dx_admissions WHERE owner = 'k' ORDER BY created")).rows.map((r) => r.id);
    const first = await admission.reserve('k');
    const second = await admission.reserve('k');
    expect(await places()).toEqual([first.placeId, second.placeId]);
    await expect(admission.reserve('k')).rejects.toThrow(SchedulerRefusal);

    const message = Message.fromJSON({ messageId: 'm', role: Role.ROLE_USER, parts: [{ text: 'x' }] });
    await tasks.insert({ taskId: 't2', tenant: '', owner: 'k', contextId: 'c', message }, second.placeId);
    expect(await places()).toEqual([first.placeId]);
    second.release(); // its request ends: nothing more to give back
    expect(await places()).toEqual([first.placeId]);
    await expect(admission.reserve('k')).rejects.toThrow(/2 tasks waiting .*at most 2/);

    // The first request ends without a task: its place comes back, and one more fits.
    first.release();
    await expect.poll(places).toEqual([]);
    const third = await admission.reserve('k');
    expect(third.placeId).toBeDefined();
  });
});
