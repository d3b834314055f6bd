/**
 * A restart resumes what the last process left: `docker-expert serve` (the CLI bundle, a real process) is killed with
 * SIGKILL in the middle of a Bash call, or stopped with SIGTERM past --drain-timeout, and started again on the same
 * --data. The model is the scripted Messages API; `docker` is a shim that logs every call, so a tool call run twice
 * would show.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TaskState, type Task } from '@a2a-js/sdk';
import type { Client } from '@a2a-js/sdk/client';
import { execa, type ResultPromise } from 'execa';
import { afterEach, describe, expect, test } from 'vitest';
import { KeyStore } from '../../service/keys.js';
import { dockerShim, finishTurn, killQuietly, toolResults, waitFor } from '../sessions/helpers.js';
import { startScriptedServer, toolTurn, toolUse, type LoggedRequest, type ScriptedServer } from '../support/scripted-server.js';
import { NODE_APP, archivePart, sdkClient, tarGzOf, userMessage } from './helpers.js';

const BIN = path.resolve('bin/docker-expert.js');
let model: ScriptedServer | undefined;
const cleanups: (() => void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) c();
  await model?.close();
  model = undefined;
});

/** Tasks whose text says SLOW call `docker version --format slow` (the shim sleeps a minute), the others `… quick`. */
function reply(req: LoggedRequest) {
  if (toolResults(req.body).length > 0) return finishTurn('Checked the engine.');
  const slow = JSON.stringify(req.body.messages[0]).includes('SLOW');
  return toolTurn([toolUse('Bash', { command: `docker version --format ${slow ? 'slow' : 'quick'}` }, slow ? 'toolu_slow_srv' : 'toolu_quick_srv')]);
}

interface Served {
  url: string;
  process: ResultPromise;
  stderr: () => string;
}

async function serve(data: string, env: NodeJS.ProcessEnv, extra: string[] = []): Promise<Served> {
  const child = execa(process.execPath, [BIN, 'serve', '--port', '0', '--data', data, '--no-verify', '--workers', '1', ...extra], { env, extendEnv: false, reject: false, stdin: 'ignore', forceKillAfterDelay: false });
  cleanups.push(() => child.pid && killQuietly(child.pid));
  let err = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr!.on('data', (b: Buffer) => {
      err += b.toString();
      const m = /"event":"listening","url":"([^"]+)"/.exec(err);
      if (m) resolve(m[1]!);
    });
    void child.then(() => reject(new Error(`serve exited: ${err}`)));
  });
  return { url, process: child, stderr: () => err };
}

async function setup() {
  const data = mkdtempSync(path.join(tmpdir(), 'de-resume-'));
  cleanups.push(() => rmSync(data, { recursive: true, force: true }));
  const key = await new KeyStore(data).create('ci');
  const shim = dockerShim();
  model = await startScriptedServer([], { whenDone: reply });
  const env = { PATH: `${shim.binDir}${path.delimiter}${process.env.PATH}`, HOME: process.env.HOME, ANTHROPIC_API_KEY: 'test-key', ANTHROPIC_BASE_URL: model.url, DOCKER_EXPERT_SHELLCHECK: 'off' };
  return { data, key, shim, env, archive: await tarGzOf(NODE_APP) };
}

const sendLater = (client: Client, text: string, archive: Buffer) =>
  client.sendMessage({
    tenant: '',
    message: userMessage(text, [archivePart(archive)]),
    configuration: { acceptedOutputModes: [], taskPushNotificationConfig: undefined, returnImmediately: true },
    metadata: undefined,
  }) as Promise<Task>;

async function settled(client: Client, id: string): Promise<Task> {
  let task: Task | undefined;
  for (let i = 0; i < 600; i++) {
    task = await client.getTask({ tenant: '', id });
    if (![TaskState.TASK_STATE_SUBMITTED, TaskState.TASK_STATE_WORKING].includes(task.status!.state)) return task;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`task ${id} still ${task?.status?.state} after 60 s`);
}

const calls = (shim: ReturnType<typeof dockerShim>, what: string) => shim.calls().filter((c) => c.endsWith(`version --format ${what}`));

describe('serve resumes after a restart', () => {
  test('kill -9 mid-Bash: the running task and the one queued behind it both complete; no tool call runs twice', async () => {
    const { data, key, shim, env, archive } = await setup();
    const first = await serve(data, env);
    let client = await sdkClient(first.url, key, 'JSONRPC');
    const running = await sendLater(client, 'SLOW: check the engine', archive);
    const queued = await sendLater(client, 'check the engine', archive);
    await waitFor(() => calls(shim, 'slow').length === 1, 30_000, 'the slow docker call to start');
    cleanups.push(() => killQuietly(Number(shim.calls()[0]!.split(' ')[0])));
    expect((await client.getTask({ tenant: '', id: running.id })).status?.state).toBe(TaskState.TASK_STATE_WORKING);
    expect((await client.getTask({ tenant: '', id: queued.id })).status?.state).toBe(TaskState.TASK_STATE_SUBMITTED);
    first.process.kill('SIGKILL');
    expect((await first.process).signal).toBe('SIGKILL');

    const second = await serve(data, env);
    client = await sdkClient(second.url, key, 'HTTP+JSON');
    const done = await settled(client, running.id);
    expect(done.status?.state, JSON.stringify(done.status?.message)).toBe(TaskState.TASK_STATE_COMPLETED);
    expect(done.artifacts.map((a) => a.name)).toContain('handoff');
    const after = await settled(client, queued.id);
    expect(after.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
    expect(second.stderr()).toMatch(/"event":"tasks_resumed","count":2/);

    // The interrupted call ran once, and the model was told it was interrupted; the queued task's call ran once.
    expect(calls(shim, 'slow')).toHaveLength(1);
    expect(calls(shim, 'quick')).toHaveLength(1);
    const resumedRequest = model!.messageRequests.find((r) => toolResults(r.body).some((t) => t.id === 'toolu_slow_srv'));
    const interrupted = toolResults(resumedRequest!.body).find((t) => t.id === 'toolu_slow_srv');
    expect(interrupted?.isError).toBe(true);
    expect(interrupted?.text).toMatch(/Interrupted/);
    second.process.kill('SIGTERM');
    await second.process;
  }, 120_000);

  test('SIGTERM past --drain-timeout: takes no new task (503), stops the run resumable, exits; the next start finishes it', async () => {
    const { data, key, shim, env, archive } = await setup();
    const first = await serve(data, env, ['--drain-timeout', '1s']);
    let client = await sdkClient(first.url, key, 'JSONRPC');
    const task = await sendLater(client, 'SLOW: check the engine', archive);
    await waitFor(() => calls(shim, 'slow').length === 1, 30_000, 'the slow docker call to start');
    cleanups.push(() => killQuietly(Number(shim.calls()[0]!.split(' ')[0])));
    first.process.kill('SIGTERM');
    await waitFor(() => first.stderr().includes('"event":"draining"'), 5_000, 'the drain to begin');
    const refused = await fetch(`${first.url}/a2a/rest/v1/message:send`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'a2a-version': '1.0' },
      body: JSON.stringify({ message: { messageId: 'm1', role: 'ROLE_USER', parts: [{ text: 'hello' }] } }),
    });
    expect(refused.status).toBe(503);
    expect(await refused.text()).toMatch(/shutting down/);
    expect((await fetch(`${first.url}/readyz`)).status).toBe(503);
    // Stopped 1 s (--drain-timeout) after the signal, give or take the run's own stop.
    await waitFor(() => first.stderr().includes('"event":"stopped"'), 10_000, 'the server to stop');
    const exited = await first.process;
    expect(exited.exitCode, `${exited.signal ?? ''} ${first.stderr()}`).toBe(0);
    expect(first.stderr()).toMatch(/"event":"task_left".*"state":"working"/);
    expect(first.stderr()).toMatch(/"event":"stopped","left_resumable":1/);

    const second = await serve(data, env);
    client = await sdkClient(second.url, key, 'JSONRPC');
    const done = await settled(client, task.id);
    expect(done.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
    expect(calls(shim, 'slow')).toHaveLength(1);
    second.process.kill('SIGTERM');
    await second.process;
  }, 120_000);
});
