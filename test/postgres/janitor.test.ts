/**
 * The container janitor against a real database: the engine is a `docker` shim on PATH that lists labelled
 * containers from a file and logs every `rm -f`; which ones go is decided from dx_tasks and dx_workers.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../service/pg/backend.js';
import { removeOrphanContainers } from '../../service/pg/janitor.js';
import type { PgConnection } from '../../service/pg/connect.js';
import type { ServiceTaskStore } from '../../service/task-store.js';
import { postgresForTests } from '../support/postgres.js';

const db = await postgresForTests('the container janitor');

describe.skipIf(db.skip !== undefined)(db.title, () => {
  let connection: PgConnection;
  let store: ServiceTaskStore;
  const bin = mkdtempSync(path.join(tmpdir(), 'dx-janitor-'));
  const log = path.join(bin, 'calls.log');
  const env = { PATH: `${bin}:${process.env.PATH}` };

  beforeAll(async () => {
    ({ connection, store } = await openStore(await db.freshDatabase()));
    const q = (sql: string, params: unknown[]) => connection.pool.query(sql, params);
    await q(`INSERT INTO dx_workers (id, host, pid, heartbeat) VALUES ('live', 'h', 1, now()), ('dead', 'h', 2, now() - interval '10 minutes')`, []);
    const task = (id: string, worker: string | null, finished: boolean) =>
      q(`INSERT INTO dx_tasks (task_id, tenant, owner, context_id, message, worker_id, finished) VALUES ($1, '', 'k', 'c', '{}', $2, $3)`, [id, worker, finished]);
    await task('aaaaaaaa-1111-4000-8000-000000000001', 'live', false); // running on a live worker: kept
    await task('bbbbbbbb-2222-4000-8000-000000000002', 'dead', false); // its worker died: removed
    await task('cccccccc-3333-4000-8000-000000000003', 'live', true); // finished: removed
    await task('dddddddd-4444-4000-8000-000000000004', null, false); // reaped, waiting for another worker: removed
    writeFileSync(
      path.join(bin, 'ps.txt'),
      ['a1a1a1a1a1a1\taaaaaaaa1111', 'b2b2b2b2b2b2\tbbbbbbbb2222', 'c3c3c3c3c3c3\tcccccccc3333', 'd4d4d4d4d4d4\tdddddddd4444', 'e5e5e5e5e5e5\teeeeeeee5555', 'not a container line'].join('\n') + '\n',
    );
    writeFileSync(log, '');
    writeFileSync(path.join(bin, 'docker'), `#!/bin/sh\necho "$*" >> '${log}'\ncase "$1" in ps) cat '${bin}/ps.txt' ;; esac\n`);
    chmodSync(path.join(bin, 'docker'), 0o755);
  }, 60_000);

  afterAll(async () => {
    await store?.close();
    await db.dropAll();
    rmSync(bin, { recursive: true, force: true });
  });

  it('removes the containers of finished tasks and of tasks no live worker holds; keeps the rest', async () => {
    const result = await removeOrphanContainers(connection.pool, env, 30_000);
    expect(result).toEqual({ removed: ['b2b2b2b2b2b2', 'c3c3c3c3c3c3', 'd4d4d4d4d4d4'] });
    const calls = readFileSync(log, 'utf8').trim().split('\n');
    expect(calls[0]).toBe('ps -a --filter label=docker-expert.run --format {{.ID}}\t{{.Label "docker-expert.run"}}');
    expect(calls.slice(1)).toEqual(['rm -f b2b2b2b2b2b2', 'rm -f c3c3c3c3c3c3', 'rm -f d4d4d4d4d4d4']);
  });

  it('says why and removes nothing when the engine cannot be asked', async () => {
    const result = await removeOrphanContainers(connection.pool, { PATH: path.join(bin, 'nowhere') }, 30_000);
    expect(result.removed).toEqual([]);
    expect(result.error).toMatch(/^docker ps failed: .*ENOENT|not found/);
  });
});
