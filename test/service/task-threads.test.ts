/**
 * Where runs run: serve's task threads (service/task-threads.ts). A thread that dies fails its own runs, saying why,
 * and its processes are killed (by the marker they carry, as the guardian would); nothing else is touched: the next task gets a new thread. Through the service and the SDK's client: runs are on task
 * threads, never the request thread (`--task-threads 1`: all on one thread); `--task-threads 0` keeps them on the
 * request thread.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { getPriority, tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TaskState, type Task } from '@a2a-js/sdk';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { startScriptedServer, type ScriptedServer } from '../support/scripted-server.js';
import { finishTurn } from '../sessions/helpers.js';
import type { AgentDefinition } from '../../agent/definition/types.js';
import type { RunReport, TaskRunSettings } from '../../service/task-run.js';
import { TaskThreadPool } from '../../service/task-threads.js';
import { TASK_THREAD_NICE } from '../../service/thread-priority.js';
import { DEFAULT_WORKSPACE_LIMITS } from '../../service/workspace.js';
import { defaultTaskThreads, type ServeOptions } from '../../service/server.js';
import { NODE_APP, archivePart, sdkClient, startTestServer, tarGzOf, userMessage } from './helpers.js';

const dirs: string[] = [];
/** Alive and not a zombie (a killed child of this process is reaped by Node). */
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
/** A pool's settings for runs that never reach a model. No engine CLI on PATH: a dead run's container removal finds nothing to do. */
const threadSettings = (dataDir: string): TaskRunSettings => ({
  dataDir,
  limits: DEFAULT_WORKSPACE_LIMITS,
  verify: { enabled: false, maxRounds: 1 },
  env: { PATH: dataDir },
  agent: { name: 'docker-expert' } as AgentDefinition,
  git: { allow: [], maxBytes: 1, timeoutMs: 1 },
});

describe('the task thread pool', () => {
  test('a thread that dies fails its runs, saying why, and its processes are killed; the next task gets a new thread', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'de-threads-'));
    dirs.push(dataDir);
    const settings = threadSettings(dataDir);
    const logs: Record<string, unknown>[] = [];
    const pool = new TaskThreadPool(settings, 2, { entry: pathToFileURL(path.join(import.meta.dirname, 'fixtures', 'crashing-task-thread.mjs')), onLog: (l) => logs.push(l) });
    try {
      const crashed: RunReport[] = [];
      await pool.start({ taskId: 'crash', contextId: 'c', start: { kind: 'resume' } }, (r) => crashed.push(r)).done;
      // Its process (it carries the thread's marker, as a Bash call's would) was started, and is gone.
      const pid = crashed[0]?.kind === 'log' ? Number(crashed[0].extra.pid) : 0;
      expect(pid).toBeGreaterThan(0);
      // SIGKILL was sent before the run was reported done; the kernel may take a moment under load.
      await vi.waitFor(() => expect(alive(pid)).toBe(false), { timeout: 10_000, interval: 20 });
      expect(crashed).toHaveLength(2);
      expect(crashed[1]).toMatchObject({ kind: 'status', state: TaskState.TASK_STATE_FAILED });
      expect(JSON.stringify(crashed[1])).toContain("the task's thread stopped (a bug in the run)");
      expect(logs).toContainEqual(expect.objectContaining({ event: 'task_thread_died', error: 'a bug in the run', task_ids: ['crash'], processes_killed: 1 }));

      const fine: RunReport[] = [];
      await pool.start({ taskId: 'fine', contextId: 'c', start: { kind: 'resume' } }, (r) => fine.push(r)).done;
      expect(fine).toEqual([{ kind: 'status', state: TaskState.TASK_STATE_COMPLETED, parts: [] }]);
    } finally {
      await pool.close();
    }
  });
});

test('the default: one thread per worker, one CPU left to the request thread, at least one thread', () => {
  expect(defaultTaskThreads(8, 2)).toBe(1);
  expect(defaultTaskThreads(8, 4)).toBe(3);
  expect(defaultTaskThreads(2, 8)).toBe(2);
  expect(defaultTaskThreads(1, 1)).toBe(1);
  expect(defaultTaskThreads(4, 1)).toBe(1);
});

describe('task threads yield to the request thread', () => {
  /** The nice values of this process's threads (field 19 of /proc/self/task/<tid>/stat). */
  const niceValues = () => readdirSync('/proc/self/task').map((tid) => Number(readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]));

  test.runIf(process.platform === 'linux')('a task thread runs at a lower priority (nice +10); this thread keeps its own', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'de-threads-'));
    dirs.push(dataDir);
    const settings = threadSettings(dataDir);
    const base = getPriority();
    const lowered = Math.min(19, base + TASK_THREAD_NICE);
    const before = niceValues().filter((n) => n === lowered).length;
    // The service's own thread entry (dist/task-thread.js); a resumed task with no folder ends at once.
    const pool = new TaskThreadPool(settings, 1);
    try {
      const reports: RunReport[] = [];
      await pool.start({ taskId: 'gone', contextId: 'c', start: { kind: 'resume' } }, (r) => reports.push(r)).done;
      expect(reports.length).toBeGreaterThan(0);
      expect(niceValues().filter((n) => n === lowered).length).toBe(before + 1);
      expect(getPriority()).toBe(base);
    } finally {
      await pool.close();
    }
  }, 30_000);
});

describe('serve runs its tasks on task threads', () => {
  let model: ScriptedServer;
  beforeAll(async () => {
    model = await startScriptedServer();
  });
  afterAll(() => model?.close());

  /** Two tasks at once (`--workers 2`), through the SDK's client: the threads their runs started on (0: the request thread). */
  const threadsOfTwoTasks = async (options: Partial<ServeOptions>) => {
    const lines: Record<string, unknown>[] = [];
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, DOCKER_EXPERT_SHELLCHECK: 'off', ANTHROPIC_API_KEY: 'test-key', ANTHROPIC_BASE_URL: model.url };
    model.push(finishTurn('Looked at it.'), finishTurn('Looked at it.'));
    const server = await startTestServer(['alice'], { workers: 2, env, onLog: (l) => lines.push(l), ...options });
    try {
      const client = await sdkClient(server.handle.url, server.keys.alice!, 'JSONRPC');
      const archive = await tarGzOf(NODE_APP);
      const tasks = await Promise.all(
        [0, 1].map(() => client.sendMessage({ tenant: '', message: userMessage('Containerize this app', [archivePart(archive)]), configuration: undefined, metadata: undefined }) as Promise<Task>),
      );
      for (const t of tasks) expect(t.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
      return lines.filter((l) => l.event === 'task_started').map((l) => l.thread);
    } finally {
      await server.cleanup();
    }
  };

  test('on task threads, never the request thread (--task-threads 1: both on the one thread); --task-threads 0: the request thread', async () => {
    const one = await threadsOfTwoTasks({ taskThreads: 1 });
    expect(one).toHaveLength(2);
    expect(one[0]).not.toBe(0);
    expect(one[1]).toBe(one[0]);
    expect(await threadsOfTwoTasks({ taskThreads: 0 })).toEqual([0, 0]);
  }, 60_000);
});
