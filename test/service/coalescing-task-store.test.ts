/**
 * The write-behind cache of the SQLite task store (service/coalescing-task-store.ts): a change of state is on disk
 * when save() returns, progress within a state is written later (or at close), reads see the newest version, and
 * the owner scope holds. "On disk" is read through a second, independent connection to the same file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Role, TaskState, type Message, type Task } from '@a2a-js/sdk';
import { InMemoryTaskStore } from '@a2a-js/sdk/server';
import { TASK_TABLE } from '@a2a-js/sdk/server/database';
import { afterAll, describe, expect, test, vi } from 'vitest';
import { CoalescingTaskStore } from '../../service/coalescing-task-store.js';
import { openTaskStore, ownerContext, TASKS_DB_FILE } from '../../service/task-store.js';

const Database = createRequire(import.meta.url)('better-sqlite3') as typeof import('better-sqlite3');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function dbFile(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'de-coalesce-'));
  dirs.push(d);
  return path.join(d, TASKS_DB_FILE);
}

/** What another connection reads: the row's state and how many messages its history holds. */
function onDisk(file: string, id: string): { state: string; messages: number } | undefined {
  const db = new Database(file, { readonly: true });
  try {
    const row = db.prepare(`select status_state, history from ${TASK_TABLE} where id = ?`).get(id) as { status_state: string; history: string | null } | undefined;
    return row && { state: row.status_state, messages: row.history ? (JSON.parse(row.history) as unknown[]).length : 0 };
  } finally {
    db.close();
  }
}

const alice = ownerContext({ tenant: '', owner: 'alice' });
const bob = ownerContext({ tenant: '', owner: 'bob' });

function message(text: string): Message {
  return { messageId: text, contextId: 'ctx', taskId: 't1', role: Role.ROLE_AGENT, parts: [{ content: { $case: 'text', value: text }, metadata: undefined, filename: '', mediaType: 'text/plain' }], metadata: undefined, extensions: [], referenceTaskIds: [] };
}

function task(state: TaskState, history: string[]): Task {
  return { id: 't1', contextId: 'ctx', status: { state, timestamp: new Date().toISOString(), message: undefined }, artifacts: [], history: history.map(message), metadata: undefined };
}

/** A store (progress held for a minute) with a WORKING task whose second message is not on disk yet. */
async function storeWithPendingProgress() {
  const file = dbFile();
  const store = await openTaskStore({ kind: 'sqlite', file, coalesceMs: 60_000 });
  await store.tasks.save(task(TaskState.TASK_STATE_WORKING, ['ask']), alice);
  await store.tasks.save(task(TaskState.TASK_STATE_WORKING, ['ask', 'tool Bash']), alice);
  expect(onDisk(file, 't1')).toEqual({ state: 'TASK_STATE_WORKING', messages: 1 });
  return { file, store };
}

describe('the SQLite store coalesces progress writes', () => {
  test('a new state is on disk when save() returns; progress within it is not, yet reads see it; the end writes everything', async () => {
    const file = dbFile();
    const store = await openTaskStore({ kind: 'sqlite', file, coalesceMs: 60_000 });
    await store.tasks.save(task(TaskState.TASK_STATE_SUBMITTED, ['ask']), alice);
    expect(onDisk(file, 't1')).toEqual({ state: 'TASK_STATE_SUBMITTED', messages: 1 });
    await store.tasks.save(task(TaskState.TASK_STATE_WORKING, ['ask', 'started']), alice);
    expect(onDisk(file, 't1')).toEqual({ state: 'TASK_STATE_WORKING', messages: 2 });

    await store.tasks.save(task(TaskState.TASK_STATE_WORKING, ['ask', 'started', 'tool Read']), alice);
    await store.tasks.save(task(TaskState.TASK_STATE_WORKING, ['ask', 'started', 'tool Read', 'tool Write']), alice);
    expect(onDisk(file, 't1')).toEqual({ state: 'TASK_STATE_WORKING', messages: 2 });
    expect((await store.tasks.load('t1', alice))?.history.map((m) => m.messageId)).toEqual(['ask', 'started', 'tool Read', 'tool Write']);
    // Owner-scoped as the SDK's store: bob never sees alice's cached task.
    expect(await store.tasks.load('t1', bob)).toBeUndefined();

    // A load is a copy: changing it changes nothing stored.
    const loaded = (await store.tasks.load('t1', alice))!;
    loaded.history.pop();
    loaded.status = undefined;
    expect((await store.tasks.load('t1', alice))?.history).toHaveLength(4);
    expect((await store.tasks.load('t1', alice))?.status?.state).toBe(TaskState.TASK_STATE_WORKING);

    await store.tasks.save(task(TaskState.TASK_STATE_COMPLETED, ['ask', 'started', 'tool Read', 'tool Write', 'done']), alice);
    expect(onDisk(file, 't1')).toEqual({ state: 'TASK_STATE_COMPLETED', messages: 5 });
    await store.close();
  });

  test('what was saved is a copy too: the SDK trimming the history of the task it returns, or changing an artifact, changes nothing stored', async () => {
    const store = await openTaskStore({ kind: 'sqlite', file: dbFile(), coalesceMs: 60_000 });
    await store.tasks.save(task(TaskState.TASK_STATE_WORKING, ['ask']), alice);
    const saved = task(TaskState.TASK_STATE_WORKING, ['ask', 'started', 'tool Read']);
    saved.artifacts = [{ artifactId: 'a1', name: 'Dockerfile', description: '', parts: [], metadata: undefined, extensions: [] }];
    await store.tasks.save(saved, alice);
    // As the request handler's historyLength and an appending artifact update do: fields replaced on the objects held.
    saved.history = saved.history.slice(-1);
    saved.artifacts[0]!.name = 'changed';
    saved.artifacts.push({ ...saved.artifacts[0]!, artifactId: 'a2' });
    const loaded = (await store.tasks.load('t1', alice))!;
    expect(loaded.history.map((m) => m.messageId)).toEqual(['ask', 'started', 'tool Read']);
    expect(loaded.artifacts.map((a) => [a.artifactId, a.name])).toEqual([['a1', 'Dockerfile']]);
    loaded.artifacts[0]!.name = 'changed on a load';
    expect((await store.tasks.load('t1', alice))!.artifacts[0]!.name).toBe('Dockerfile');
    await store.close();
  });

  test('progress is written after the delay without another save', async () => {
    const file = dbFile();
    const store = await openTaskStore({ kind: 'sqlite', file, coalesceMs: 20 });
    await store.tasks.save(task(TaskState.TASK_STATE_WORKING, ['ask']), alice);
    await store.tasks.save(task(TaskState.TASK_STATE_WORKING, ['ask', 'tool Bash']), alice);
    await vi.waitFor(() => expect(onDisk(file, 't1')?.messages).toBe(2), { timeout: 10_000, interval: 20 });
    await store.close();
  });

  test('close() writes what is pending; a restart reads it back', async () => {
    const { file, store } = await storeWithPendingProgress();
    await store.close();
    expect(onDisk(file, 't1')).toEqual({ state: 'TASK_STATE_WORKING', messages: 2 });
    const again = await openTaskStore({ kind: 'sqlite', file, coalesceMs: 60_000 });
    expect((await again.tasks.load('t1', alice))?.history).toHaveLength(2);
    await again.close();
  });

  test('remove() drops the cached version too: the task is gone, and no pending write brings it back', async () => {
    const { file, store } = await storeWithPendingProgress();
    await store.remove({ tenant: '', owner: 'alice', id: 't1' });
    expect(await store.tasks.load('t1', alice)).toBeUndefined();
    await store.close();
    expect(onDisk(file, 't1')).toBeUndefined();
  });
});

describe('a worker on PostgreSQL coalesces the rows of the tasks it holds', () => {
  /** The store behind the cache (another process's view of the row), whose next `failures` saves fail as a lost connection does. */
  function flakyStore() {
    const inner = new InMemoryTaskStore();
    const state = { failures: 0 };
    const save = inner.save.bind(inner);
    inner.save = async (t, ctx) => {
      if (state.failures > 0) {
        state.failures--;
        throw new Error('Connection terminated unexpectedly');
      }
      await save(t, ctx);
    };
    return { inner, state };
  }

  test('a new state whose write failed leaves the latest version to load: the retried save loses none of the progress', async () => {
    const { inner, state } = flakyStore();
    const store = new CoalescingTaskStore(inner, 60_000);
    await store.save(task(TaskState.TASK_STATE_WORKING, ['ask']), alice);
    await store.save(task(TaskState.TASK_STATE_WORKING, ['ask', 'tool Bash', 'artifact']), alice);
    state.failures = 1;
    await expect(store.save(task(TaskState.TASK_STATE_COMPLETED, ['ask', 'tool Bash', 'artifact']), alice)).rejects.toThrow(/Connection terminated/);
    // The SDK's ResultManager retried: it loads the task again and applies the final status to it.
    const again = await store.load('t1', alice);
    expect(again?.history).toHaveLength(3);
    await store.save({ ...again!, status: { state: TaskState.TASK_STATE_COMPLETED, timestamp: new Date().toISOString(), message: undefined } }, alice);
    const row = await inner.load('t1', alice);
    expect(row?.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
    expect(row?.history).toHaveLength(3);
  });

  test('leave() writes the pending progress and forgets the task: a later load reads what another worker wrote since', async () => {
    const { inner } = flakyStore();
    const store = new CoalescingTaskStore(inner, 60_000);
    await store.save(task(TaskState.TASK_STATE_WORKING, ['ask']), alice);
    await store.save(task(TaskState.TASK_STATE_WORKING, ['ask', 'tool Bash']), alice);
    expect((await inner.load('t1', alice))?.history).toHaveLength(1);
    await store.leave('t1', alice);
    expect((await inner.load('t1', alice))?.history).toHaveLength(2);
    await inner.save(task(TaskState.TASK_STATE_WORKING, ['ask', 'tool Bash', 'taken over']), alice);
    expect((await store.load('t1', alice))?.history).toHaveLength(3);
  });
});
