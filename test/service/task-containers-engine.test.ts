/**
 * A task's containers go with it whatever its end, on the real podman engine, through the A2A SDK's own client: the
 * scripted Messages API starts a detached, unnamed `sleep 300` container (only the task's label finds it), then
 * either hands off (COMPLETED) or stops without a handoff (FAILED). Once the final state is published, no container
 * with the task's label is left. The second task runs with `podman` and no `docker` on its PATH.
 */
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TaskState, type Task } from '@a2a-js/sdk';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { engineForTests } from '../support/engine.js';
import { endTurn, startScriptedServer, toolTurn, toolUse, type ScriptedServer } from '../support/scripted-server.js';
import { finishTurn } from '../sessions/helpers.js';
import { TASK_LABEL_KEY } from '../../service/task-containers.js';
import { NODE_APP, archivePart, sdkClient, startTestServer, tarGzOf, userMessage, type TestServer } from './helpers.js';

const { env: engine, skip, title } = await engineForTests('serve: an ended task takes its containers with it (real engine)');

/** A folder with a `podman` link and PATH's folders that hold no `docker`: podman is the only engine CLI. */
function podmanOnlyPath(bin: string): string {
  const podman = (process.env.PATH ?? '').split(':').map((d) => path.join(d, 'podman')).find((f) => existsSync(f));
  if (!podman) throw new Error('podman is not on PATH');
  symlinkSync(podman, path.join(bin, 'podman'));
  return [bin, ...(process.env.PATH ?? '').split(':').filter((d) => d && !existsSync(path.join(d, 'docker')))].join(':');
}

describe.skipIf(skip !== undefined)(title, () => {
  let model: ScriptedServer;
  const servers: TestServer[] = [];
  let bin: string;
  let archive: Buffer;
  beforeAll(async () => {
    model = await startScriptedServer();
    bin = mkdtempSync(path.join(tmpdir(), 'de-podman-only-'));
    archive = await tarGzOf(NODE_APP);
  });
  afterAll(async () => {
    for (const s of servers) await s.cleanup();
    await model?.close();
    // Whatever a failed run left: the label of this file's tasks.
    const left = (await execa('podman', ['ps', '--all', '--quiet', '--filter', `label=${TASK_LABEL_KEY}`], { env: { ...process.env, ...engine.vars } })).stdout.split('\n').filter(Boolean);
    if (left.length > 0) await execa('podman', ['rm', '--force', ...left], { env: { ...process.env, ...engine.vars }, reject: false });
    rmSync(bin, { recursive: true, force: true });
  });

  const serverWith = async (PATH: string) => {
    const server = await startTestServer(['alice'], {
      workers: 1,
      env: { PATH, HOME: process.env.HOME, DOCKER_EXPERT_SHELLCHECK: 'off', ANTHROPIC_API_KEY: 'test-key', ANTHROPIC_BASE_URL: model.url, ...engine.vars },
    });
    servers.push(server);
    return server;
  };
  const containersOf = async (taskId: string) =>
    (await execa('podman', ['ps', '--all', '--quiet', '--filter', `label=${TASK_LABEL_KEY}=${taskId}`], { env: { ...process.env, ...engine.vars } })).stdout.split('\n').filter(Boolean);
  const runTask = async (server: TestServer) => {
    const client = await sdkClient(server.handle.url, server.keys.alice!, 'JSONRPC');
    return (await client.sendMessage({ tenant: '', message: userMessage('Run the app', [archivePart(archive)]), configuration: undefined, metadata: undefined })) as Task;
  };
  const startDetached = (cli: string) =>
    toolTurn([toolUse('WorkflowStep', { step: 'analyze', status: 'done', summary: 'a node app' }), toolUse('Bash', { command: `${cli} run -d ${engine.images.busybox} sleep 300` })]);

  test('COMPLETED: the detached container the task started is removed', async () => {
    const server = await serverWith(process.env.PATH ?? '');
    model.push(startDetached('docker'), finishTurn('Started the app.'));
    const task = await runTask(server);
    expect(task.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
    // The run did start it (its id is the tool's output, sent back to the model).
    expect(JSON.stringify(model.messageRequests.at(-1)!.body)).toMatch(/[0-9a-f]{64}/);
    expect(await containersOf(task.id)).toEqual([]);
  }, 120_000);

  test('FAILED, with podman and no docker on PATH: the container is found and removed', async () => {
    const PATH = podmanOnlyPath(bin);
    const server = await serverWith(PATH);
    model.push(startDetached('podman'), endTurn('Stopping here without a handoff.'), endTurn('Still no handoff.'), endTurn('No handoff.'));
    const task = await runTask(server);
    expect(task.status?.state).toBe(TaskState.TASK_STATE_FAILED);
    expect(JSON.stringify(model.messageRequests[1]!.body)).toMatch(/[0-9a-f]{64}/);
    expect(await containersOf(task.id)).toEqual([]);
  }, 120_000);
});
