/** CancelTask (a queued task and a running one) and `{"workspace": {"path": P}}` under --workspace-root. */
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TaskState, type Part, type Task } from '@a2a-js/sdk';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { NODE_APP, archivePart, sdkClient, startTestServer, tarGzOf, userMessage, type TestServer } from './helpers.js';

let server: TestServer;
let root: string;
beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'de-serve-root-'));
  cpSync(NODE_APP, path.join(root, 'node-app'), { recursive: true });
  server = await startTestServer(['alice'], { workers: 1, workspaceRoot: root });
});
afterAll(async () => {
  await server?.cleanup();
  rmSync(root, { recursive: true, force: true });
});

const send = (text: string, parts: Part[], returnImmediately = false) => ({
  tenant: '',
  message: userMessage(text, parts),
  configuration: { acceptedOutputModes: [], taskPushNotificationConfig: undefined, returnImmediately },
  metadata: undefined,
});
const workspace = (p: string): Part => ({ content: { $case: 'data', value: { workspace: { path: p } } }, metadata: undefined, filename: '', mediaType: 'application/json' });

async function until(get: () => Promise<Task>, done: (t: Task) => boolean): Promise<Task> {
  for (let i = 0; i < 300; i++) {
    const t = await get();
    if (done(t)) return t;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('timed out');
}
const terminal = (t: Task) => [TaskState.TASK_STATE_COMPLETED, TaskState.TASK_STATE_FAILED, TaskState.TASK_STATE_CANCELED].includes(t.status!.state);

describe('CancelTask', () => {
  test('a running task and one queued behind it (--workers 1) both end CANCELED; the slot is freed', async () => {
    const client = await sdkClient(server.handle.url, server.keys.alice!, 'JSONRPC');
    const archive = await tarGzOf(NODE_APP);
    const first = (await client.sendMessage(send('Containerize this Node.js app', [archivePart(archive)], true))) as Task;
    const second = (await client.sendMessage(send('Containerize this Node.js app', [archivePart(archive)], true))) as Task;
    const queued = await client.getTask({ tenant: '', id: second.id });
    expect(queued.status?.state).toBe(TaskState.TASK_STATE_SUBMITTED);
    const c2 = await client.cancelTask({ tenant: '', id: second.id, metadata: undefined });
    expect(c2.status?.state).toBe(TaskState.TASK_STATE_CANCELED);
    const c1 = await client.cancelTask({ tenant: '', id: first.id, metadata: undefined });
    expect(c1.status?.state).toBe(TaskState.TASK_STATE_CANCELED);
    // A canceled task stays canceled (the run's end does not overwrite it).
    await new Promise((r) => setTimeout(r, 500));
    expect((await client.getTask({ tenant: '', id: first.id })).status?.state).toBe(TaskState.TASK_STATE_CANCELED);
    // The one worker is free again: a new task runs to the end.
    const third = (await client.sendMessage(send('Containerize this Node.js app', [archivePart(archive)]))) as Task;
    expect(third.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
  }, 120_000);
});

describe('a path workspace under --workspace-root', () => {
  test('works on a copy: the Dockerfile comes back as an artifact, the original folder is untouched', async () => {
    const client = await sdkClient(server.handle.url, server.keys.alice!, 'HTTP+JSON');
    const task = (await client.sendMessage(send('Containerize this Node.js app', [workspace('node-app')]))) as Task;
    const done = terminal(task) ? task : await until(() => client.getTask({ tenant: '', id: task.id }), terminal);
    expect(done.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
    expect(done.artifacts.map((a) => a.name)).toContain('Dockerfile');
    expect(readdirSync(path.join(root, 'node-app')).sort()).toEqual(['package.json', 'server.js']);
  }, 120_000);

  test('a path outside the root is refused', async () => {
    const client = await sdkClient(server.handle.url, server.keys.alice!, 'HTTP+JSON');
    for (const p of ['../', '/etc', 'missing']) {
      const task = (await client.sendMessage(send('Containerize this', [workspace(p)]))) as Task;
      expect(task.status?.state).toBe(TaskState.TASK_STATE_FAILED);
      expect(task.status?.message?.parts[0]?.content?.value).toMatch(/outside the workspace root|does not exist/);
      expect(existsSync(path.join(server.dataDir, 'tasks', task.id))).toBe(false);
    }
  });
});
