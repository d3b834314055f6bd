/**
 * Processes starting together on a new database: pg-boss creating its schema in several of them at once deadlocked
 * ("deadlock detected", a spawned worker exiting at start); startBoss takes turns under an advisory lock.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startBoss } from '../../service/pg/queue.js';
import { postgresForTests } from '../support/postgres.js';

const db = await postgresForTests('the queue set up by several processes at once');

describe.skipIf(db.skip !== undefined)(db.title, () => {
  afterAll(() => db.dropAll());

  it('four starts at once on an empty database all succeed (three rounds)', async () => {
    for (let round = 0; round < 3; round++) {
      const url = await db.freshDatabase();
      const started = await Promise.allSettled([1, 2, 3, 4].map(() => startBoss(url, { maxConnections: 2 })));
      for (const s of started) if (s.status === 'fulfilled') await s.value.stop({ graceful: false, wait: true });
      expect(started.map((s) => (s.status === 'rejected' ? String(s.reason) : 'ok'))).toEqual(['ok', 'ok', 'ok', 'ok']);
    }
  }, 120_000);
});
