/**
 * WAL checkpoints off the request thread (service/wal-checkpointer.ts), on real SQLite files (better-sqlite3) and a
 * real thread: the store's connection never checkpoints inside a commit, the thread does, a failed thread gives the
 * checkpoints back to the connection, and the store closes with its log folded in.
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TaskState, type Task } from '@a2a-js/sdk';
import { afterAll, describe, expect, test } from 'vitest';
import { openTaskStore, ownerContext, TASKS_DB_FILE } from '../../service/task-store.js';
import { startWalCheckpointer, type CheckpointResult } from '../../service/wal-checkpointer.js';

const Database = createRequire(import.meta.url)('better-sqlite3') as typeof import('better-sqlite3');

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function dbFile(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'de-wal-'));
  dirs.push(d);
  return path.join(d, 'test.db');
}

/** A database in WAL mode as the store opens it, and a writer of `mb` megabytes in 6 KB rows, one commit each. */
function walDatabase(file: string) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('create table t (id integer primary key, body text)');
  const insert = db.prepare('insert into t (body) values (?)');
  const write = (mb: number) => {
    for (let i = 0; i < (mb * 1024) / 6; i++) insert.run(`${i}`.padEnd(6 * 1024, 'x'));
  };
  return { db, write };
}
const size = (file: string) => (existsSync(file) ? statSync(file).size : 0);
const MB = 1024 * 1024;

async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('WAL checkpoints on a thread of their own', () => {
  test("the connection's own commits never checkpoint: 6 MB written, the log holds it all and the database file does not grow", async () => {
    const file = dbFile();
    const { db, write } = walDatabase(file);
    const before = size(file);
    const checkpointer = startWalCheckpointer(db, file, { intervalMs: 3_600_000 });
    write(6);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    expect(size(`${file}-wal`)).toBeGreaterThan(6 * MB);
    expect(size(file)).toBe(before);
    await checkpointer.stop();
    db.close();
  });

  test('the control: with SQLite\'s own schedule the same writes checkpoint inside commits (the database file grows)', () => {
    const file = dbFile();
    const { db, write } = walDatabase(file);
    const before = size(file);
    write(6);
    expect(size(file)).toBeGreaterThan(before + 4 * MB);
    db.close();
  });

  test('the thread checkpoints what the connection wrote, and says so', async () => {
    const file = dbFile();
    const { db, write } = walDatabase(file);
    const results: CheckpointResult[] = [];
    const checkpointer = startWalCheckpointer(db, file, { intervalMs: 20, onCheckpoint: (r) => results.push(r) });
    write(6);
    // A report can come from a tick in the middle of the writes; the ticks after them checkpoint the rest.
    await until(() => results.some((r) => r.checkpointedFrames > 0) && size(file) > 5 * MB, "the thread's checkpoints of all of it");
    expect(checkpointer.active).toBe(true);
    expect(db.prepare('select count(*) as n from t').get()).toEqual({ n: 1024 });
    await checkpointer.stop();
    expect(checkpointer.active).toBe(false);
    db.close();
  });

  test('after a full checkpoint the log starts over in the same file (its size unchanged): those frames are checkpointed too', async () => {
    const file = dbFile();
    const { db, write } = walDatabase(file);
    const results: CheckpointResult[] = [];
    const checkpointer = startWalCheckpointer(db, file, { intervalMs: 20, onCheckpoint: (r) => results.push(r) });
    /** Until the thread's last report is a full checkpoint and none follows for 150 ms. */
    const settled = async () => {
      for (;;) {
        await until(() => results.length > 0 && results.at(-1)!.checkpointedFrames === results.at(-1)!.logFrames, 'a full checkpoint');
        const seen = results.length;
        await new Promise((r) => setTimeout(r, 150));
        if (results.length === seen) return;
      }
    };
    write(1);
    await settled();
    const walSize = size(`${file}-wal`);
    const fileSize = size(file);
    const marker = results.length;
    write(0.5);
    // The writer reused the log from its start: the file's size says nothing of the new frames.
    expect(size(`${file}-wal`)).toBe(walSize);
    await until(() => results.length > marker, 'a report of the new frames');
    await settled();
    expect(size(file)).toBeGreaterThan(fileSize + 0.4 * MB);
    await checkpointer.stop();
    db.close();
  });

  test('a thread that fails gives the checkpoints back to the connection (SQLite\'s default again) and reports why', async () => {
    const file = dbFile();
    const { db, write } = walDatabase(file);
    const errors: Error[] = [];
    // The thread cannot open its connection: the file it is given is in a folder that does not exist.
    const checkpointer = startWalCheckpointer(db, path.join(path.dirname(file), 'missing', 'x.db'), { intervalMs: 20, onError: (e) => errors.push(e) });
    await until(() => errors.length > 0, 'the failure');
    expect(checkpointer.active).toBe(false);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    const before = size(file);
    write(6);
    expect(size(file)).toBeGreaterThan(before + 4 * MB);
    await checkpointer.stop();
    db.close();
  });

  test('the store runs it: its checkpoints come from the thread, and a close folds the log into the file (data kept)', async () => {
    const file = path.join(path.dirname(dbFile()), TASKS_DB_FILE);
    const results: CheckpointResult[] = [];
    const store = await openTaskStore({ kind: 'sqlite', file, checkpointIntervalMs: 20, onCheckpoint: (r) => results.push(r) });
    const ctx = ownerContext({ tenant: '', owner: 'k' });
    const big = 'y'.repeat(8 * 1024);
    for (let i = 0; i < 40; i++) {
      const task: Task = {
        id: `t${i}`,
        contextId: `c${i}`,
        status: { state: TaskState.TASK_STATE_COMPLETED, timestamp: new Date(1000 + i).toISOString(), message: undefined },
        artifacts: [],
        history: [{ messageId: `m${i}`, contextId: `c${i}`, taskId: `t${i}`, role: 2, parts: [{ content: { $case: 'text', value: big }, metadata: undefined, filename: '', mediaType: 'text/plain' }], metadata: undefined, extensions: [], referenceTaskIds: [] }],
        metadata: undefined,
      };
      await store.tasks.save(task, ctx);
    }
    await until(() => results.some((r) => r.checkpointedFrames > 0), "the thread's checkpoint");
    await store.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
    const again = await openTaskStore({ kind: 'sqlite', file });
    expect((await again.tasks.load('t39', ctx))?.history[0]?.parts[0]?.content).toEqual({ $case: 'text', value: big });
    await again.close();
  });
});
