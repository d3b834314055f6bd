/**
 * `{"workspace": {"git": URL, "ref": REF}}`: a local bare repository over file://, allowed by an --allow-git pattern,
 * completes a containerize task with the Dockerfile among its artifacts (SDK client); URLs no pattern allows, ext::,
 * a second repository outside the pattern, a hostile ref and a clone over --max-git-bytes are refused with the reason,
 * and nothing is left in the task folder.
 */
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TaskState, type Part, type Task } from '@a2a-js/sdk';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { bareRepoOf } from './git-repos.js';
import { NODE_APP, sdkClient, startTestServer, userMessage, type TestServer } from './helpers.js';

let root: string;
let allowedRepo: string;
let otherRepo: string;
let bigRepo: string;
let server: TestServer;
const MAX_GIT_BYTES = 48 * 1024;

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'de-serve-git-'));
  allowedRepo = await bareRepoOf(root, 'node-app', (d) => cpSync(NODE_APP, d, { recursive: true }), 'release');
  bigRepo = await bareRepoOf(root, 'big', (d) => {
    cpSync(NODE_APP, d, { recursive: true });
    writeFileSync(path.join(d, 'blob.bin'), randomBytes(MAX_GIT_BYTES * 2));
  });
  otherRepo = path.join(root, 'elsewhere.git');
  cpSync(allowedRepo, otherRepo, { recursive: true });
  server = await startTestServer(['alice'], { git: { allow: [`file://${root}/repos/*.git`], maxBytes: MAX_GIT_BYTES, timeoutMs: 30_000 } });
});
afterAll(async () => {
  await server?.cleanup();
  rmSync(root, { recursive: true, force: true });
});

const gitPart = (workspace: Record<string, unknown>): Part => ({ content: { $case: 'data', value: { workspace } }, metadata: undefined, filename: '', mediaType: 'application/json' });
const send = (parts: Part[]) => ({ tenant: '', message: userMessage('Containerize this Node.js app', parts), configuration: undefined, metadata: undefined });
const textOf = (t: Task) => String(t.status?.message?.parts[0]?.content?.value ?? '');

describe('git workspaces', () => {
  test('a local bare repository over file://, allowed by a pattern: the task completes with the Dockerfile (JSON-RPC)', async () => {
    const client = await sdkClient(server.handle.url, server.keys.alice!, 'JSONRPC');
    const task = (await client.sendMessage(send([gitPart({ git: `file://${allowedRepo}`, ref: 'release' })]))) as Task;
    expect(task.status?.state, textOf(task)).toBe(TaskState.TASK_STATE_COMPLETED);
    const names = task.artifacts.map((a) => a.name);
    expect(names).toContain('Dockerfile');
    // The diff is against the checkout: package.json and server.js came from the repository, .git did not.
    const diff = String(task.artifacts.find((a) => a.name === 'changes.diff')?.parts[0]?.content?.value);
    expect(diff).toContain('diff --git a/Dockerfile b/Dockerfile');
    expect(diff).not.toContain('diff --git a/package.json');
    expect(diff).not.toContain('.git/');
    expect(existsSync(path.join(server.dataDir, 'tasks', task.id, 'git'))).toBe(false);
  }, 120_000);

  test('refused with the reason, nothing fetched, the task folder removed: outside the pattern, ext::, another protocol, a hostile ref, over the size cap (REST)', async () => {
    const client = await sdkClient(server.handle.url, server.keys.alice!, 'HTTP+JSON');
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ git: `file://${otherRepo}` }, /is not allowed by --allow-git/],
      [{ git: 'https://github.com/acme/app.git' }, /is not allowed by --allow-git/],
      [{ git: `ext::sh -c touch% ${root}/pwned` }, /runs a command and is never allowed/],
      [{ git: `file://${root}/repos/../elsewhere.git` }, /no '\.\.' in the path|not allowed/],
      [{ git: `file://${allowedRepo}`, ref: '--upload-pack=touch /tmp/x' }, /is not a branch, tag or commit name/],
      [{ git: `file://${allowedRepo}`, ref: 'no-such-branch' }, /could not be fetched/],
      [{ git: `file://${bigRepo}` }, new RegExp(`over ${MAX_GIT_BYTES} bytes \\(--max-git-bytes\\)`)],
      [{ git: `file://${allowedRepo}`, path: 'x' }, /a workspace data part is/],
    ];
    for (const [workspace, reason] of cases) {
      const task = (await client.sendMessage(send([gitPart(workspace)]))) as Task;
      expect(task.status?.state, JSON.stringify(workspace)).toBe(TaskState.TASK_STATE_FAILED);
      expect(textOf(task), JSON.stringify(workspace)).toMatch(reason);
      expect(existsSync(path.join(server.dataDir, 'tasks', task.id))).toBe(false);
    }
    expect(existsSync(path.join(root, 'pwned'))).toBe(false);
  }, 120_000);

  test('the size cap is what refused it: the same repository completes under a cap that holds its objects and checkout', async () => {
    const roomy = await startTestServer(['alice'], { git: { allow: [`file://${root}/repos/*.git`], maxBytes: MAX_GIT_BYTES * 8, timeoutMs: 30_000 } });
    try {
      const client = await sdkClient(roomy.handle.url, roomy.keys.alice!, 'JSONRPC');
      const task = (await client.sendMessage(send([gitPart({ git: `file://${bigRepo}` })]))) as Task;
      expect(task.status?.state, textOf(task)).toBe(TaskState.TASK_STATE_COMPLETED);
    } finally {
      await roomy.cleanup();
    }
  }, 120_000);
});

describe('--git-timeout', () => {
  test('a git server that never answers: the fetch is stopped at the timeout and the task FAILED saying so', async () => {
    const silent = createTcpServer((socket) => socket.on('error', () => undefined)); // accepts, reads, never answers
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as AddressInfo).port;
    const slow = await startTestServer(['alice'], { git: { allow: [`git://127.0.0.1:${port}/*.git`], maxBytes: MAX_GIT_BYTES, timeoutMs: 1000 } });
    try {
      const client = await sdkClient(slow.handle.url, slow.keys.alice!, 'JSONRPC');
      const started = Date.now();
      const task = (await client.sendMessage(send([gitPart({ git: `git://127.0.0.1:${port}/app.git` })]))) as Task;
      expect(task.status?.state).toBe(TaskState.TASK_STATE_FAILED);
      expect(textOf(task)).toMatch(/not fetched within 1 s \(--git-timeout\)/);
      expect(Date.now() - started).toBeLessThan(15_000);
    } finally {
      await slow.cleanup();
      silent.close();
    }
  }, 60_000);
});
