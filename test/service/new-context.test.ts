/**
 * A message that names neither a task nor a contextId begins a conversation: the request handler gives it its
 * contextId and tells the executor, which then does not search the store for an earlier conversation (that search, a
 * ListTasks query per new task, was the biggest cost of a non-blocking SendMessage on the request thread). A message
 * with a contextId this process has not seen still searches (a conversation begun before a restart: follow-up.test.ts).
 * A caller who sees COMPLETED may send the follow-up at once, before the run has returned: the conversation is free.
 * The SDK's request handler, our executor and the SQLite store are the real ones; the run itself is replaced by one
 * that reports WORKING and COMPLETED at once (what runs is not the subject here).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TaskState, type ListTasksRequest, type SendMessageRequest, type Task } from '@a2a-js/sdk';
import { DefaultExecutionEventBusManager, ServerCallContext, type TaskStore } from '@a2a-js/sdk/server';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { findAgent } from '../../agent/definition/load.js';
import { buildAgentCard } from '../../service/card.js';
import { DockerExpertExecutor } from '../../service/executor.js';
import { ServiceRequestHandler } from '../../service/request-handler.js';
import { Scheduler } from '../../service/scheduler.js';
import type { RunReport, TaskRunRequest } from '../../service/task-run.js';
import type { TaskRunner } from '../../service/task-threads.js';
import { openTaskStore, ownerContext, type ServiceTaskStore } from '../../service/task-store.js';
import { DEFAULT_WORKSPACE_LIMITS } from '../../service/workspace.js';
import { NODE_APP, REPO, archivePart, tarGzOf, userMessage } from './helpers.js';

let dir: string;
let store: ServiceTaskStore;
let handler: ServiceRequestHandler;
/** contextIds the executor searched the store for (ListTasks by contextId). */
const searched: string[] = [];
/** The runs started, in order. */
const runs: TaskRunRequest[] = [];
const alice = ownerContext({ tenant: '', owner: 'alice' });

/** While set, a run's return waits for it after the run reported COMPLETED (as a busy task thread's may). */
let returnGate: Promise<void> | undefined;
/** A run that ends at once: WORKING, its session started, COMPLETED. */
const instantRunner: TaskRunner = {
  start(request, report: (r: RunReport) => void) {
    runs.push(request);
    report({ kind: 'status', state: TaskState.TASK_STATE_WORKING, parts: [] });
    report({ kind: 'started' });
    report({ kind: 'status', state: TaskState.TASK_STATE_COMPLETED, parts: [] });
    return { command: () => {}, done: returnGate ?? Promise.resolve() };
  },
  close: async () => {},
};

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'de-new-context-'));
  store = await openTaskStore({ kind: 'sqlite', file: path.join(dir, 'tasks.db') });
  const tasks: TaskStore = {
    load: (id, ctx) => store.tasks.load(id, ctx),
    save: (task, ctx) => store.tasks.save(task, ctx),
    list: (params: ListTasksRequest, ctx: ServerCallContext) => {
      if (params.contextId) searched.push(params.contextId);
      return store.tasks.list(params, ctx);
    },
  };
  const { definition } = await findAgent('docker-expert', { cwd: REPO });
  const buses = new DefaultExecutionEventBusManager();
  const executor = new DockerExpertExecutor({
    dataDir: dir,
    limits: DEFAULT_WORKSPACE_LIMITS,
    verify: { enabled: false, maxRounds: 1 },
    env: {},
    agent: definition,
    git: { allow: [], maxBytes: 1, timeoutMs: 1 },
    scheduler: new Scheduler({ workers: 2, maxRunningPerKey: 2, maxQueuedPerKey: 10, maxQueued: 10 }),
    runner: instantRunner,
    taskStore: tasks,
    busManager: buses,
  });
  handler = new ServiceRequestHandler(buildAgentCard(definition, 'http://127.0.0.1:1', '0.0.0'), tasks, executor, buses).guardFollowUps(tasks, executor);
});
afterAll(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

const request = async (contextId: string): Promise<SendMessageRequest> => ({
  tenant: '',
  message: { ...userMessage('Review this project', contextId ? [] : [archivePart(await tarGzOf(NODE_APP))]), contextId },
  configuration: undefined,
  metadata: undefined,
});

test('a message without a contextId gets a new one and no search; a known contextId continues; an unknown one is searched', async () => {
  const first = (await handler.sendMessage(await request(''), alice)) as Task;
  expect(first.status?.state, JSON.stringify(first.status)).toBe(TaskState.TASK_STATE_COMPLETED);
  expect(first.contextId).toMatch(/^[0-9a-f-]{36}$/);
  const second = (await handler.sendMessage(await request(''), alice)) as Task;
  expect(second.contextId).not.toBe(first.contextId);
  expect(searched).toEqual([]);
  expect(runs.map((r) => r.start.kind)).toEqual(['new', 'new']);
  // The stored task carries the contextId it was given.
  expect((await store.tasks.load(first.id, alice))?.contextId).toBe(first.contextId);

  // A follow-up with the first task's contextId: this process knows the conversation (no search), the run continues it.
  const followUp = (await handler.sendMessage(await request(first.contextId), alice)) as Task;
  expect(followUp.contextId).toBe(first.contextId);
  expect(runs.at(-1)?.start.kind).toBe('continue');
  expect(searched).toEqual([]);

  // A contextId this process has not seen might be a conversation begun before a restart: the store is searched.
  const unknown = crypto.randomUUID();
  const stranger = (await handler.sendMessage(await request(unknown), alice)) as Task;
  expect(stranger.contextId).toBe(unknown);
  expect(searched).toEqual([unknown]);

  // The same holds for a streamed message.
  const events = [];
  for await (const e of handler.sendMessageStream(await request(''), alice)) events.push(e);
  expect(events.at(-1)?.payload?.$case).toBe('statusUpdate');
  expect(searched).toEqual([unknown]);
});

test('the follow-up sent as soon as COMPLETED is seen continues the conversation, though the run has not returned yet', async () => {
  let open!: () => void;
  returnGate = new Promise((resolve) => (open = resolve));
  try {
    const first = (await handler.sendMessage(await request(''), alice)) as Task;
    expect(first.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
    const followUp = (await handler.sendMessage(await request(first.contextId), alice)) as Task;
    expect(followUp.status?.state, JSON.stringify(followUp.status?.message?.parts)).toBe(TaskState.TASK_STATE_COMPLETED);
    expect(runs.at(-1)).toMatchObject({ taskId: followUp.id, start: { kind: 'continue' } });
  } finally {
    returnGate = undefined;
    open();
  }
});
