import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { postgresForTests, probePostgres } from '../support/postgres.js';

const db = await postgresForTests('the test PostgreSQL');

describe('postgresForTests without a server', () => {
  const nowhere = { DOCKER_EXPERT_TEST_DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none', DOCKER_EXPERT_PG_ENV: '/nonexistent' };

  it('skips with the reason when PostgreSQL is not required', async () => {
    const t = await postgresForTests('x', nowhere);
    expect(t.skip).toMatch(/127\.0\.0\.1:1\/none is not reachable/);
    expect(t.title).toMatch(/^x \(skipped: /);
  });

  it('fails (not skips) under DOCKER_EXPERT_REQUIRE_POSTGRES=1', async () => {
    await expect(postgresForTests('x', { ...nowhere, DOCKER_EXPERT_REQUIRE_POSTGRES: '1' })).rejects.toThrow(/DOCKER_EXPERT_REQUIRE_POSTGRES=1 but PostgreSQL at .* is not reachable/);
  });

  it('says how to start one when nothing names a server', async () => {
    const s = await probePostgres({ DOCKER_EXPERT_PG_ENV: '/nonexistent' });
    expect(s).toEqual({ ok: false, reason: 'no DOCKER_EXPERT_TEST_DATABASE_URL and no /nonexistent (run scripts/postgres/setup.sh)' });
  });
});

describe.skipIf(db.skip !== undefined)(db.title, () => {
  afterAll(() => db.dropAll());

  it('makes a fresh, empty database per call and drops it afterwards', async () => {
    const a = await db.freshDatabase();
    const b = await db.freshDatabase();
    expect(a).not.toBe(b);
    const c = new pg.Client({ connectionString: a });
    await c.connect();
    const { rows } = await c.query("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'");
    await c.end();
    expect(rows[0].n).toBe(0);
    await db.dropAll();
    const again = new pg.Client({ connectionString: a });
    await expect(again.connect()).rejects.toThrow(/does not exist/);
  });
});
