/** Test helpers for the A2A service: archives (good and hostile), an authenticated SDK client, a server in a temp folder. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Role, TaskState, type Message, type Part, type StreamResponse, type Task } from '@a2a-js/sdk';
import { expect } from 'vitest';
import { ClientFactory, ClientFactoryOptions, JsonRpcTransportFactory, RestTransportFactory, type Client } from '@a2a-js/sdk/client';
import { create as tarCreate } from 'tar';
import { KeyStore } from '../../service/keys.js';
import { startService, type ServeOptions, type ServiceHandle } from '../../service/server.js';

export const REPO = path.resolve(import.meta.dirname, '..', '..');
export const NODE_APP = path.join(REPO, 'test', 'mcp', 'fixtures', 'node-app');

export interface TestServer {
  handle: ServiceHandle;
  dataDir: string;
  keys: Record<string, string>;
  cleanup(): Promise<void>;
}

export async function startTestServer(keyNames: string[], options: Partial<ServeOptions> = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'de-serve-'));
  const store = new KeyStore(dataDir);
  const keys: Record<string, string> = {};
  for (const n of keyNames) keys[n] = await store.create(n);
  // No model key: the offline expert runs; no verify loop: no container engine is needed.
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, DOCKER_EXPERT_SHELLCHECK: 'off' };
  const handle = await startService({ port: 0, dataDir, verify: { enabled: false, maxRounds: 1 }, env, cwd: REPO, ...options });
  return {
    handle,
    dataDir,
    keys,
    cleanup: async () => {
      await handle.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** fetch that adds `Authorization: Bearer <key>`. */
export function fetchWithKey(key: string | undefined): typeof fetch {
  return (input, init) => {
    const headers = new Headers(init?.headers);
    if (key !== undefined) headers.set('authorization', `Bearer ${key}`);
    return fetch(input, { ...init, headers });
  };
}

export async function sdkClient(baseUrl: string, key: string | undefined, transport: 'JSONRPC' | 'HTTP+JSON'): Promise<Client> {
  const fetchImpl = fetchWithKey(key);
  const factory = new ClientFactory(
    ClientFactoryOptions.createFrom(ClientFactoryOptions.default, {
      transports: [new JsonRpcTransportFactory({ fetchImpl }), new RestTransportFactory({ fetchImpl })],
      preferredTransports: [transport],
    }),
  );
  return factory.createFromUrl(baseUrl);
}

export async function tarGzOf(dir: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const stream = tarCreate({ gzip: true, cwd: dir, portable: true }, ['.']);
  for await (const c of stream as AsyncIterable<Buffer>) chunks.push(Buffer.from(c));
  return Buffer.concat(chunks);
}

export { hostileTarGz, type RawEntry } from './archives.js';

export function userMessage(text: string, extra: Part[]): Message {
  return {
    messageId: crypto.randomUUID(),
    contextId: '',
    taskId: '',
    role: Role.ROLE_USER,
    parts: [{ content: { $case: 'text', value: text }, metadata: undefined, filename: '', mediaType: 'text/plain' }, ...extra],
    metadata: undefined,
    extensions: [],
    referenceTaskIds: [],
  };
}

export function archivePart(data: Buffer, filename = 'project.tar.gz'): Part {
  return { content: { $case: 'raw', value: data }, metadata: undefined, filename, mediaType: 'application/gzip' };
}

/** A message on a task that answers its question: one data part with `value` (e.g. `{approve: true}`). */
export function answerMessage(task: { id: string; contextId: string }, value: unknown): Message {
  return {
    ...userMessage('', []),
    taskId: task.id,
    contextId: task.contextId,
    parts: [{ content: { $case: 'data', value: value as { [key: string]: unknown } }, metadata: undefined, filename: '', mediaType: 'application/json' }],
  };
}

/**
 * The order a containerize task's stream must have, whichever server streams it: the task (SUBMITTED) first, then
 * WORKING updates carrying the five workflow steps in order, COMPLETED last. Gives the event kinds and the task.
 */
export function expectCompletedTaskStream(events: StreamResponse[]): { kinds: (string | undefined)[]; task: Task } {
  const kinds = events.map((e) => e.payload?.$case);
  expect(kinds[0]).toBe('task');
  const task = events[0]!.payload!.value as Task;
  expect(task.status?.state).toBe(TaskState.TASK_STATE_SUBMITTED);
  const states = events.flatMap((e) => (e.payload?.$case === 'statusUpdate' ? [e.payload.value.status?.state] : []));
  expect(states[0]).toBe(TaskState.TASK_STATE_WORKING);
  expect(states.at(-1)).toBe(TaskState.TASK_STATE_COMPLETED);
  expect(states.slice(0, -1).every((s) => s === TaskState.TASK_STATE_WORKING)).toBe(true);
  const steps = events.flatMap((e) => {
    if (e.payload?.$case !== 'statusUpdate') return [];
    const data = e.payload.value.status?.message?.parts.find((p) => p.content?.$case === 'data')?.content?.value as { kind?: string; step?: string } | undefined;
    return data?.kind === 'workflow' ? [data.step] : [];
  });
  expect(steps).toEqual(['analyze', 'design', 'secure', 'optimize', 'deploy']);
  return { kinds, task };
}
