/**
 * A permission `ask` as TASK_STATE_INPUT_REQUIRED: the scripted Messages API (through the real Anthropic SDK) asks for
 * `docker rm`, a logging `docker` shim stands in for the engine, and the A2A SDK's own clients answer
 * {approve, always} on the task. Approved, the command runs and the task completes; denied, it never runs; `always`
 * covers the same call later in the task; a bad answer changes nothing; no answer within --input-timeout ends it.
 */
import { TaskState, type Message, type StreamResponse, type Task } from '@a2a-js/sdk';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startScriptedServer, toolTurn, toolUse, type ScriptedServer } from '../support/scripted-server.js';
import { dockerShim, finishTurn, toolResults } from '../sessions/helpers.js';
import { NODE_APP, answerMessage as answer, archivePart, sdkClient, startTestServer, tarGzOf, userMessage, type TestServer } from './helpers.js';

// docker-expert's own rules allow `docker run` without host-reaching options and deny host escapes outright; removing
// a container is what they ask about.
const RUN = 'docker rm old-app';
let model: ScriptedServer;
let shim: ReturnType<typeof dockerShim>;
let server: TestServer;
let archive: Buffer;

beforeAll(async () => {
  model = await startScriptedServer();
  shim = dockerShim();
  archive = await tarGzOf(NODE_APP);
  const env: NodeJS.ProcessEnv = {
    PATH: `${shim.binDir}:${process.env.PATH}`,
    HOME: process.env.HOME,
    DOCKER_EXPERT_SHELLCHECK: 'off',
    ANTHROPIC_API_KEY: 'test-key',
    ANTHROPIC_BASE_URL: model.url,
  };
  server = await startTestServer(['alice', 'bob'], { env, workers: 1 });
});
afterAll(async () => {
  await server?.cleanup();
  await model?.close();
});

const send = (message: Message) => ({ tenant: '', message, configuration: undefined, metadata: undefined });
const askRun = () => toolTurn([toolUse('WorkflowStep', { step: 'analyze', status: 'done', summary: 'a node app' }), toolUse('Bash', { command: RUN })]);
const question = (task: Task) => task.status?.message?.parts.find((p) => p.content?.$case === 'data')?.content?.value as Record<string, unknown>;
const ranRun = () => shim.calls().filter((c) => c.endsWith(' rm old-app')).length;

describe('approvals as TASK_STATE_INPUT_REQUIRED', () => {
  test('JSON-RPC: docker rm asks; approved, it runs once and the task completes', async () => {
    model.push(askRun(), finishTurn('Ran the image.'));
    const client = await sdkClient(server.handle.url, server.keys.alice!, 'JSONRPC');
    const before = ranRun();
    const waiting = (await client.sendMessage(send(userMessage('Run the app', [archivePart(archive)])))) as Task;
    expect(waiting.status?.state).toBe(TaskState.TASK_STATE_INPUT_REQUIRED);
    expect(question(waiting)).toMatchObject({ kind: 'approval', tool: 'Bash', input: { command: RUN }, rule: `Bash(${RUN})` });
    expect(String(question(waiting).reason)).not.toBe('');
    expect(ranRun()).toBe(before);
    // GetTask shows the same state; the run holds (no request is open meanwhile).
    expect((await client.getTask({ tenant: '', id: waiting.id })).status?.state).toBe(TaskState.TASK_STATE_INPUT_REQUIRED);

    const done = (await client.sendMessage(send(answer(waiting, { approve: true })))) as Task;
    expect(done.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
    expect(ranRun()).toBe(before + 1);
    const results = toolResults(model.messageRequests.at(-1)!.body);
    expect(results.find((r) => r.text.includes('docker shim: rm old-app'))?.isError).toBe(false);
  }, 60_000);

  test('REST streaming: denied, the command never runs and the model hears the denial; the events come in order', async () => {
    model.push(askRun(), finishTurn('Did not run it.'));
    const client = await sdkClient(server.handle.url, server.keys.alice!, 'HTTP+JSON');
    const before = ranRun();
    const first: StreamResponse[] = [];
    for await (const e of client.sendMessageStream(send(userMessage('Run the app', [archivePart(archive)])))) first.push(e);
    const last = first.at(-1)!;
    expect(last.payload?.$case).toBe('statusUpdate');
    const waitingState = last.payload?.$case === 'statusUpdate' ? last.payload.value.status?.state : undefined;
    expect(waitingState).toBe(TaskState.TASK_STATE_INPUT_REQUIRED);
    const task = await client.getTask({ tenant: '', id: (first[0]!.payload!.value as Task).id });

    const second: StreamResponse[] = [];
    for await (const e of client.sendMessageStream(send(answer(task, { approve: false })))) second.push(e);
    const states = second.flatMap((e) => (e.payload?.$case === 'statusUpdate' ? [e.payload.value.status?.state] : []));
    expect(states[0]).toBe(TaskState.TASK_STATE_WORKING);
    expect(states.at(-1)).toBe(TaskState.TASK_STATE_COMPLETED);
    expect(ranRun()).toBe(before);
    const denial = toolResults(model.messageRequests.at(-1)!.body).find((r) => r.text.startsWith('Permission denied'));
    expect(denial?.text).toMatch(/declined/);
  }, 60_000);

  test('always: the same call later in the task is not asked again; a bad answer changes nothing; another key cannot answer', async () => {
    model.push(askRun(), toolTurn([toolUse('Bash', { command: RUN })]), finishTurn('Ran it twice.'));
    const alice = await sdkClient(server.handle.url, server.keys.alice!, 'JSONRPC');
    const bob = await sdkClient(server.handle.url, server.keys.bob!, 'JSONRPC');
    const before = ranRun();
    const waiting = (await alice.sendMessage(send(userMessage('Run the app twice', [archivePart(archive)])))) as Task;
    expect(waiting.status?.state).toBe(TaskState.TASK_STATE_INPUT_REQUIRED);

    await expect(bob.sendMessage(send(answer(waiting, { approve: true })))).rejects.toThrow(/not found/i);
    const bad = (await alice.sendMessage(send(answer(waiting, { approve: 'yes' })))) as Task;
    expect(bad.status?.state).toBe(TaskState.TASK_STATE_INPUT_REQUIRED);
    expect(bad.status?.message?.parts[0]?.content?.value).toMatch(/"approve" must be true or false/);
    expect(question(bad)).toMatchObject({ tool: 'Bash', input: { command: RUN } });
    expect(ranRun()).toBe(before);

    const done = (await alice.sendMessage(send(answer(waiting, { approve: true, always: true })))) as Task;
    expect(done.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
    expect(ranRun()).toBe(before + 2);
    // Once INPUT_REQUIRED, never again: the second call was allowed by the rule.
    const asked = new Set(done.history.flatMap((m) => m.parts.flatMap((p) => (p.content?.$case === 'data' && (p.content.value as { kind?: string }).kind === 'approval' ? [(p.content.value as { tool_use_id: string }).tool_use_id] : []))));
    expect(asked.size).toBe(1);
  }, 60_000);

  test('a message on a task that is working, not waiting, is refused and changes nothing', async () => {
    model.push({ ...askRun(), latencyMs: 1500 });
    const client = await sdkClient(server.handle.url, server.keys.alice!, 'JSONRPC');
    const started = (await client.sendMessage({ ...send(userMessage('Run the app', [archivePart(archive)])), configuration: { acceptedOutputModes: [], taskPushNotificationConfig: undefined, returnImmediately: true } })) as Task;
    // The model request is under way (its reply takes 1.5 s): the task is WORKING.
    for (let i = 0; i < 100 && model.remaining > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(model.remaining).toBe(0);
    expect((await client.getTask({ tenant: '', id: started.id })).status?.state).toBe(TaskState.TASK_STATE_WORKING);
    await expect(client.sendMessage(send(answer(started, { approve: true })))).rejects.toThrow(/not waiting for input/);
    await client.cancelTask({ tenant: '', id: started.id, metadata: undefined });
    expect((await client.getTask({ tenant: '', id: started.id })).status?.state).toBe(TaskState.TASK_STATE_CANCELED);
  }, 60_000);

  test('CancelTask on a task waiting for input ends it CANCELED without running the call', async () => {
    model.push(askRun());
    const client = await sdkClient(server.handle.url, server.keys.alice!, 'HTTP+JSON');
    const before = ranRun();
    const waiting = (await client.sendMessage(send(userMessage('Run the app', [archivePart(archive)])))) as Task;
    expect(waiting.status?.state).toBe(TaskState.TASK_STATE_INPUT_REQUIRED);
    const cancelled = await client.cancelTask({ tenant: '', id: waiting.id, metadata: undefined });
    expect(cancelled.status?.state).toBe(TaskState.TASK_STATE_CANCELED);
    expect(ranRun()).toBe(before);
    // The one worker is free again.
    model.push(finishTurn('Nothing to run.'));
    const next = (await client.sendMessage(send(userMessage('Look at it', [archivePart(archive)])))) as Task;
    expect(next.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
  }, 60_000);
});

describe('--input-timeout', () => {
  test('no answer in time: the task ends FAILED saying why, the call never ran, the worker is free again', async () => {
    const quick = await startTestServer(['alice'], { env: { PATH: `${shim.binDir}:${process.env.PATH}`, HOME: process.env.HOME, DOCKER_EXPERT_SHELLCHECK: 'off', ANTHROPIC_API_KEY: 'test-key', ANTHROPIC_BASE_URL: model.url }, workers: 1, inputTimeoutMs: 1000 });
    try {
      expect(model.remaining).toBe(0);
      model.push(askRun());
      const client = await sdkClient(quick.handle.url, quick.keys.alice!, 'JSONRPC');
      const before = ranRun();
      const waiting = (await client.sendMessage(send(userMessage('Run the app', [archivePart(archive)])))) as Task;
      expect(waiting.status?.state).toBe(TaskState.TASK_STATE_INPUT_REQUIRED);
      let task = waiting;
      for (let i = 0; i < 100 && [TaskState.TASK_STATE_INPUT_REQUIRED, TaskState.TASK_STATE_WORKING].includes(task.status!.state); i++) {
        await new Promise((r) => setTimeout(r, 100));
        task = await client.getTask({ tenant: '', id: waiting.id });
      }
      expect(task.status?.state).toBe(TaskState.TASK_STATE_FAILED);
      expect(task.status?.message?.parts[0]?.content?.value).toMatch(/within 1 s \(--input-timeout\)/);
      expect(ranRun()).toBe(before);
      await expect(client.sendMessage(send(answer(waiting, { approve: true })))).rejects.toThrow(/terminal state/);
      model.push(finishTurn('Next one.'));
      const next = (await client.sendMessage(send(userMessage('Look at it', [archivePart(archive)])))) as Task;
      expect(next.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
    } finally {
      await quick.cleanup();
    }
  }, 60_000);
});
