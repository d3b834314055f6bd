/**
 * A task waiting for an approval (INPUT_REQUIRED) survives a restart of the server: the scripted Messages API asks for
 * `docker rm` (a logging `docker` shim stands in for the engine), the server is stopped while the task waits, and
 * after the restart on the same --data the caller's answer, sent with the A2A SDK's own client, resumes the task from
 * its journal: the call runs once, without a second question, and the task completes.
 */
import { TaskState, type Message, type Task } from '@a2a-js/sdk';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startService } from '../../service/server.js';
import { startScriptedServer, toolTurn, toolUse, type ScriptedServer } from '../support/scripted-server.js';
import { dockerShim, finishTurn } from '../sessions/helpers.js';
import { NODE_APP, REPO, answerMessage as answer, archivePart, sdkClient, startTestServer, tarGzOf, userMessage } from './helpers.js';

const RUN = 'docker rm old-app';
let model: ScriptedServer;
let shim: ReturnType<typeof dockerShim>;
beforeAll(async () => {
  model = await startScriptedServer();
  shim = dockerShim();
});
afterAll(async () => {
  await model?.close();
});

const send = (message: Message) => ({ tenant: '', message, configuration: undefined, metadata: undefined });
const ranRun = () => shim.calls().filter((c) => c.endsWith(' rm old-app')).length;

test('asked before a restart, approved after it: the call runs once and the task completes', async () => {
  const env: NodeJS.ProcessEnv = { PATH: `${shim.binDir}:${process.env.PATH}`, HOME: process.env.HOME, DOCKER_EXPERT_SHELLCHECK: 'off', ANTHROPIC_API_KEY: 'test-key', ANTHROPIC_BASE_URL: model.url };
  const logs: unknown[] = [];
  const before = await startTestServer(['alice', 'bob'], { env, workers: 1, onLog: (l) => logs.push(l) });
  let after: Awaited<ReturnType<typeof startService>> | undefined;
  try {
    model.push(toolTurn([toolUse('WorkflowStep', { step: 'analyze', status: 'done', summary: 'a node app' }), toolUse('Bash', { command: RUN })]));
    const client = await sdkClient(before.handle.url, before.keys.alice!, 'JSONRPC');
    const waiting = (await client.sendMessage(send(userMessage('Remove the old container', [archivePart(await tarGzOf(NODE_APP))])))) as Task;
    expect(waiting.status?.state).toBe(TaskState.TASK_STATE_INPUT_REQUIRED);
    await before.handle.close();
    expect(ranRun()).toBe(0);

    after = await startService({ port: 0, dataDir: before.dataDir, verify: { enabled: false, maxRounds: 1 }, env, cwd: REPO, workers: 1 });
    const again = await sdkClient(after.url, before.keys.alice!, 'JSONRPC');
    const stored = await again.getTask({ tenant: '', id: waiting.id });
    expect(stored.status?.state, JSON.stringify([stored.status, logs])).toBe(TaskState.TASK_STATE_INPUT_REQUIRED);
    // A malformed answer changes nothing, as before the restart; another key's answer finds no task.
    const bad = (await again.sendMessage(send(answer(waiting, { approve: 'yes' })))) as Task;
    expect(bad.status?.state).toBe(TaskState.TASK_STATE_INPUT_REQUIRED);
    const bob = await sdkClient(after.url, before.keys.bob!, 'JSONRPC');
    await expect(bob.sendMessage(send(answer(waiting, { approve: true })))).rejects.toThrow(/not found/i);
    expect(model.messageRequests).toHaveLength(1);

    // The resumed run: the model hears the call was not run and sends it again; the answer given covers it.
    model.push(toolTurn([toolUse('Bash', { command: RUN })]), finishTurn('Removed the old container.'));
    const done = (await again.sendMessage(send(answer(waiting, { approve: true })))) as Task;
    expect(done.status?.state, JSON.stringify(done.status?.message?.parts)).toBe(TaskState.TASK_STATE_COMPLETED);
    expect(ranRun()).toBe(1);
    expect(JSON.stringify(model.messageRequests[1]!.body.messages)).toContain(RUN);
    expect(JSON.stringify(model.messageRequests.at(-1)!.body.messages.at(-1))).toContain('docker shim: rm old-app');
    expect(model.remaining).toBe(0);
  } finally {
    await after?.close();
    await before.cleanup();
  }
}, 120_000);
