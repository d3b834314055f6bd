/**
 * Follow-ups by contextId: a message with the contextId of a finished task continues that conversation (the
 * scripted Messages API sees the earlier turns, as `chat` does) on the same copy of the project; the follow-up's
 * artifacts are what it changed. A follow-up with a workspace is refused; another key's message with the same
 * contextId does not continue someone else's conversation. A conversation survives a restart of the server.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { TaskState, type Part, type Task } from '@a2a-js/sdk';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startScriptedServer, toolTurn, toolUse, type ScriptedServer } from '../support/scripted-server.js';
import { finishTurn } from '../sessions/helpers.js';
import { startService } from '../../service/server.js';
import { NODE_APP, REPO, archivePart, sdkClient, startTestServer, tarGzOf, userMessage, type TestServer } from './helpers.js';

let model: ScriptedServer;
let server: TestServer;
let archive: Buffer;
beforeAll(async () => {
  model = await startScriptedServer();
  archive = await tarGzOf(NODE_APP);
  server = await startTestServer(['alice', 'bob'], { env: { PATH: process.env.PATH, HOME: process.env.HOME, DOCKER_EXPERT_SHELLCHECK: 'off', ANTHROPIC_API_KEY: 'test-key', ANTHROPIC_BASE_URL: model.url } });
});
afterAll(async () => {
  await server?.cleanup();
  await model?.close();
});

const send = (text: string, parts: Part[], contextId = '') => ({ tenant: '', message: { ...userMessage(text, parts), contextId }, configuration: undefined, metadata: undefined });

test('the second message of a contextId sees the first task\'s conversation and works on its copy', async () => {
  const client = await sdkClient(server.handle.url, server.keys.alice!, 'JSONRPC');
  // The one task folder there is the first task's; its work/ is the run's cwd.
  const workOf = () => path.join(server.dataDir, 'tasks', readdirSync(path.join(server.dataDir, 'tasks'))[0]!, 'work');
  model.push(() => toolTurn([toolUse('WorkflowStep', { step: 'analyze', status: 'done', summary: 'a node app' }), toolUse('Write', { file_path: path.join(workOf(), 'NOTES.md'), content: 'first\n' })]), finishTurn('Wrote the notes.'));
  const first = (await client.sendMessage(send('Write NOTES.md', [archivePart(archive)]))) as Task;
  expect(first.status?.state, JSON.stringify(first.status?.message?.parts)).toBe(TaskState.TASK_STATE_COMPLETED);
  expect(first.artifacts.map((a) => a.name)).toContain('NOTES.md');

  const firstWork = path.join(server.dataDir, 'tasks', first.id, 'work');
  model.push(toolTurn([toolUse('Read', { file_path: path.join(firstWork, 'NOTES.md') })]), finishTurn('Read them back.'));
  const second = (await client.sendMessage(send('What did you write?', [], first.contextId))) as Task;
  expect(second.status?.state, JSON.stringify(second.status?.message?.parts)).toBe(TaskState.TASK_STATE_COMPLETED);
  expect(second.id).not.toBe(first.id);
  expect(second.contextId).toBe(first.contextId);
  const request = model.messageRequests.at(-2)!.body;
  expect(request.messages[0].content[0].text).toContain('Write NOTES.md');
  expect(JSON.stringify(request.messages.at(-1))).toContain('What did you write?');
  // The Read found the first task's file: same copy. Nothing changed, so no file artifacts; the diff is empty.
  const readResult = JSON.stringify(model.messageRequests.at(-1)!.body.messages.at(-1));
  expect(readResult).toContain('first');
  expect(second.artifacts.map((a) => a.name)).toEqual(['changes.diff', 'handoff']);

  const withWorkspace = (await client.sendMessage(send('Again', [archivePart(archive)], first.contextId))) as Task;
  expect(withWorkspace.status?.state).toBe(TaskState.TASK_STATE_FAILED);
  expect(String(withWorkspace.status?.message?.parts[0]?.content?.value)).toMatch(/send it without a workspace/);

  // Bob using Alice's contextId starts nothing of hers: without a workspace his message is refused as a new task.
  const bob = await sdkClient(server.handle.url, server.keys.bob!, 'JSONRPC');
  const intruder = (await bob.sendMessage(send('What did you write?', [], first.contextId))) as Task;
  expect(intruder.status?.state).toBe(TaskState.TASK_STATE_FAILED);
  expect(String(intruder.status?.message?.parts[0]?.content?.value)).toMatch(/has no workspace/);
  expect(model.remaining).toBe(0);
}, 90_000);

test('a follow-up after a restart of the server continues the conversation; another key still cannot', async () => {
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, DOCKER_EXPERT_SHELLCHECK: 'off', ANTHROPIC_API_KEY: 'test-key', ANTHROPIC_BASE_URL: model.url };
  const before = await startTestServer(['carol', 'dave'], { env });
  let after: Awaited<ReturnType<typeof startService>> | undefined;
  try {
    const client = await sdkClient(before.handle.url, before.keys.carol!, 'JSONRPC');
    const workOf = () => path.join(before.dataDir, 'tasks', readdirSync(path.join(before.dataDir, 'tasks'))[0]!, 'work');
    model.push(() => toolTurn([toolUse('WorkflowStep', { step: 'analyze', status: 'done', summary: 'a node app' }), toolUse('Write', { file_path: path.join(workOf(), 'NOTES.md'), content: 'before the restart\n' })]), finishTurn('Wrote the notes.'));
    const first = (await client.sendMessage(send('Write NOTES.md', [archivePart(archive)]))) as Task;
    expect(first.status?.state, JSON.stringify(first.status?.message?.parts)).toBe(TaskState.TASK_STATE_COMPLETED);
    await before.handle.close();

    after = await startService({ port: 0, dataDir: before.dataDir, verify: { enabled: false, maxRounds: 1 }, env, cwd: REPO });
    const again = await sdkClient(after.url, before.keys.carol!, 'JSONRPC');
    const firstWork = path.join(before.dataDir, 'tasks', first.id, 'work');
    model.push(toolTurn([toolUse('Read', { file_path: path.join(firstWork, 'NOTES.md') })]), finishTurn('Read them back.'));
    const second = (await again.sendMessage(send('What did you write?', [], first.contextId))) as Task;
    expect(second.status?.state, JSON.stringify(second.status?.message?.parts)).toBe(TaskState.TASK_STATE_COMPLETED);
    expect(String(second.history.find((m) => JSON.stringify(m.parts).includes('continues the conversation'))?.parts[0]?.content?.value)).toContain(first.id);
    expect(model.messageRequests.at(-2)!.body.messages[0].content[0].text).toContain('Write NOTES.md');
    expect(JSON.stringify(model.messageRequests.at(-1)!.body.messages.at(-1))).toContain('before the restart');

    // A third message goes on from the second (the conversation is held in memory again).
    model.push(finishTurn('Still here.'));
    const third = (await again.sendMessage(send('Anything else?', [], first.contextId))) as Task;
    expect(third.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
    expect(JSON.stringify(model.messageRequests.at(-1)!.body.messages)).toContain('What did you write?');

    // Dave's message with Carol's contextId: a new task without a workspace, refused.
    const dave = await sdkClient(after.url, before.keys.dave!, 'JSONRPC');
    const intruder = (await dave.sendMessage(send('What did you write?', [], first.contextId))) as Task;
    expect(intruder.status?.state).toBe(TaskState.TASK_STATE_FAILED);
    expect(String(intruder.status?.message?.parts[0]?.content?.value)).toMatch(/has no workspace/);
    expect(model.remaining).toBe(0);
  } finally {
    await after?.close();
    await before.cleanup();
  }
}, 120_000);
