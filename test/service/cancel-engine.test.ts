/**
 * CancelTask mid-Bash on the real podman engine, through the A2A SDK's own client: the scripted Messages API asks for
 * a long `docker run` of the local busybox image (unnamed: only the task's label finds its container). Once the
 * container runs, the task is cancelled; it ends CANCELED, and no process of that tool and no container carrying the
 * task's label remain.
 */
import { TaskState, type Task } from '@a2a-js/sdk';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { engineForTests, processAlive, processesMentioning, waitUntil } from '../support/engine.js';
import { startScriptedServer, toolTurn, toolUse, type ScriptedServer } from '../support/scripted-server.js';
import { TASK_LABEL_KEY } from '../../service/task-containers.js';
import { NODE_APP, archivePart, sdkClient, startTestServer, tarGzOf, userMessage, type TestServer } from './helpers.js';

const { env: engine, skip, title } = await engineForTests('serve: CancelTask mid-docker run on the real engine');

describe.skipIf(skip !== undefined)(title, () => {
  let model: ScriptedServer;
  let server: TestServer;
  beforeAll(async () => {
    model = await startScriptedServer();
    server = await startTestServer(['alice'], {
      workers: 1,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DOCKER_EXPERT_SHELLCHECK: 'off',
        ANTHROPIC_API_KEY: 'test-key',
        ANTHROPIC_BASE_URL: model.url,
        ...engine.vars,
      },
    });
  });
  afterAll(async () => {
    await server?.cleanup();
    await model?.close();
  });

  const containersOf = async (taskId: string) =>
    (await execa('docker', ['ps', '--all', '--quiet', '--filter', `label=${TASK_LABEL_KEY}=${taskId}`], { env: engine.vars })).stdout.split('\n').filter(Boolean);

  test('the task ends CANCELED; the docker client, the container and its monitor are gone', async () => {
    const command = `docker run ${engine.images.busybox} sleep 300`;
    model.push(toolTurn([toolUse('WorkflowStep', { step: 'analyze', status: 'done', summary: 'a node app' }), toolUse('Bash', { command, timeout: 600_000 })]));
    const client = await sdkClient(server.handle.url, server.keys.alice!, 'JSONRPC');
    const task = (await client.sendMessage({
      tenant: '',
      message: userMessage('Run the app', [archivePart(await tarGzOf(NODE_APP))]),
      configuration: { acceptedOutputModes: [], taskPushNotificationConfig: undefined, returnImmediately: true },
      metadata: undefined,
    })) as Task;

    // The container the tool started carries the task's label; wait until it runs.
    let id = '';
    await waitUntil(
      'the task container to run',
      async () => {
        id = (await containersOf(task.id))[0] ?? '';
        return id !== '' && (await execa('docker', ['inspect', '--format', '{{.State.Running}}', id], { env: engine.vars, reject: false })).stdout.trim() === 'true';
      },
      120_000,
    );
    const pid = Number((await execa('docker', ['inspect', '--format', '{{.State.Pid}}', id], { env: engine.vars })).stdout.trim());
    const conmonPid = Number((await execa('podman', ['inspect', '--format', '{{.State.ConmonPid}}', id], { env: engine.vars })).stdout.trim());
    // The docker client of the Bash call: its argv carries the label the runner added.
    const label = `${TASK_LABEL_KEY}=${task.id}`;
    const clients = processesMentioning(label);
    expect(clients.length).toBeGreaterThan(0);
    expect(processAlive(pid)).toBe(true);
    expect((await client.getTask({ tenant: '', id: task.id })).status?.state).toBe(TaskState.TASK_STATE_WORKING);

    const cancelled = await client.cancelTask({ tenant: '', id: task.id, metadata: undefined });
    expect(cancelled.status?.state).toBe(TaskState.TASK_STATE_CANCELED);
    expect((await client.getTask({ tenant: '', id: task.id })).status?.state).toBe(TaskState.TASK_STATE_CANCELED);
    // Removed before CANCELED was published: nothing left to wait for.
    expect(await containersOf(task.id)).toEqual([]);
    expect(processesMentioning(label)).toEqual([]);
    for (const p of clients) expect(processAlive(p)).toBe(false);
    await waitUntil('the container process and its monitor to end', async () => !processAlive(pid) && !processAlive(conmonPid), 15_000);
    // The model was not asked again after the cancel.
    expect(model.messageRequests).toHaveLength(1);
  }, 240_000);
});
