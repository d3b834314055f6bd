/**
 * The task store: the SDK's DatabaseTaskStore on a SQLite file under --data (real better-sqlite3, the SDK's own
 * migrations), read back after a restart through the SDK's client; the service's own cross-owner queries.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TaskState, type Task } from '@a2a-js/sdk';
import { afterAll, describe, expect, test } from 'vitest';
import { startService } from '../../service/server.js';
import { openTaskStore, ownerContext, TASKS_DB_FILE } from '../../service/task-store.js';
import { NODE_APP, REPO, archivePart, sdkClient, startTestServer, tarGzOf, userMessage } from './helpers.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function tempDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'de-store-'));
  dirs.push(d);
  return d;
}

function task(id: string, state: TaskState, at: number): Task {
  return {
    id,
    contextId: `ctx-${id}`,
    status: { state, timestamp: new Date(at).toISOString(), message: undefined },
    artifacts: [],
    history: [],
    metadata: undefined,
  };
}

describe('the SQLite store', () => {
  test('migrates on open, again without harm; unfinished() lists SUBMITTED and WORKING of every owner, oldest first', async () => {
    const file = path.join(tempDir(), 'nested', TASKS_DB_FILE);
    const first = await openTaskStore({ kind: 'sqlite', file });
    const alice = ownerContext({ tenant: '', owner: 'alice' });
    const bob = ownerContext({ tenant: '', owner: 'bob' });
    await first.tasks.save(task('t-working', TaskState.TASK_STATE_WORKING, 2000), alice);
    await first.tasks.save(task('t-submitted', TaskState.TASK_STATE_SUBMITTED, 1000), bob);
    await first.tasks.save(task('t-done', TaskState.TASK_STATE_COMPLETED, 500), alice);
    await first.close();

    const store = await openTaskStore({ kind: 'sqlite', file });
    expect(await store.unfinished()).toEqual([
      { tenant: '', owner: 'bob', id: 't-submitted' },
      { tenant: '', owner: 'alice', id: 't-working' },
    ]);
    // Owner-scoped as the SDK is: alice's context does not load bob's task.
    expect(await store.tasks.load('t-submitted', alice)).toBeUndefined();
    expect((await store.load({ tenant: '', owner: 'bob', id: 't-submitted' }))?.status?.state).toBe(TaskState.TASK_STATE_SUBMITTED);
    expect(await store.ping()).toBe(true);
    await store.close();
    expect(await store.ping()).toBe(false);
  });

  test('finishedBefore: a settled task whose status changed before the cutoff, not one at it; unfinished never', async () => {
    const store = await openTaskStore({ kind: 'sqlite', file: path.join(tempDir(), TASKS_DB_FILE) });
    const ctx = ownerContext({ tenant: '', owner: 'k' });
    await store.tasks.save(task('old', TaskState.TASK_STATE_FAILED, 999), ctx);
    await store.tasks.save(task('edge', TaskState.TASK_STATE_COMPLETED, 1000), ctx);
    await store.tasks.save(task('running', TaskState.TASK_STATE_WORKING, 1), ctx);
    expect((await store.finishedBefore(1000)).map((r) => r.id)).toEqual(['old']);
    expect((await store.finishedBefore(1001)).map((r) => r.id)).toEqual(['old', 'edge']);
    await store.remove({ tenant: '', owner: 'k', id: 'old' });
    expect((await store.finishedBefore(1001)).map((r) => r.id)).toEqual(['edge']);
    await store.close();
  });

  test('a tasks.db that is not a database stops the start with an error naming it', async () => {
    const dataDir = tempDir();
    writeFileSync(path.join(dataDir, TASKS_DB_FILE), 'this is not sqlite'.repeat(100));
    await expect(startService({ port: 0, dataDir, verify: { enabled: false, maxRounds: 1 }, env: {}, cwd: REPO })).rejects.toThrow(
      new RegExp(`${TASKS_DB_FILE}.*(not a database|file is not)`),
    );
  });
});

describe('tasks outlive the server', () => {
  test('a completed task, read back after a restart on the same --data, for its key only', async () => {
    const first = await startTestServer(['alice', 'bob']);
    const archive = await tarGzOf(NODE_APP);
    let client = await sdkClient(first.handle.url, first.keys.alice!, 'JSONRPC');
    const done = (await client.sendMessage({ tenant: '', message: userMessage('Containerize this Node.js app', [archivePart(archive)]), configuration: undefined, metadata: undefined })) as Task;
    expect(done.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
    await first.handle.close();

    const again = await startService({ port: 0, dataDir: first.dataDir, verify: { enabled: false, maxRounds: 1 }, env: { PATH: process.env.PATH }, cwd: REPO });
    try {
      client = await sdkClient(again.url, first.keys.alice!, 'HTTP+JSON');
      const back = await client.getTask({ tenant: '', id: done.id });
      expect(back.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
      expect(back.artifacts.map((a) => a.name)).toContain('Dockerfile');
      const listed = await client.listTasks({ tenant: '', contextId: '', status: TaskState.TASK_STATE_UNSPECIFIED, pageSize: 10, pageToken: '', historyLength: 0, statusTimestampAfter: undefined, includeArtifacts: false });
      expect(listed.tasks.map((t) => t.id)).toEqual([done.id]);
      const bob = await sdkClient(again.url, first.keys.bob!, 'JSONRPC');
      await expect(bob.getTask({ tenant: '', id: done.id })).rejects.toThrow(/not found/i);
      const bobs = await bob.listTasks({ tenant: '', contextId: '', status: TaskState.TASK_STATE_UNSPECIFIED, pageSize: 10, pageToken: '', historyLength: 0, statusTimestampAfter: undefined, includeArtifacts: false });
      expect(bobs.tasks).toEqual([]);
    } finally {
      await again.close();
      await first.cleanup();
    }
  }, 120_000);
});
