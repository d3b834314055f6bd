// What bench:serve and bench:scale send: a review task (a small Node project as a .tar.gz) and the scripted model that
// answers it in two responses after `latencyMs` each (the analyze step; then the other four steps and the Handoff).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { Role } from '@a2a-js/sdk';
import { ClientFactory, ClientFactoryOptions, JsonRpcTransportFactory } from '@a2a-js/sdk/client';

/** Model responses per task. */
export const RESPONSES_PER_TASK = 2;

export async function startReviewModel(root, work, latencyMs) {
  const serverBundle = path.join(work, 'scripted-server.mjs');
  await build({ entryPoints: [path.join(root, 'test/support/scripted-server.ts')], outfile: serverBundle, bundle: true, format: 'esm', platform: 'node', logLevel: 'warning' });
  const { startScriptedServer, toolTurn, toolUse } = await import(pathToFileURL(serverBundle).href);
  const step = (name, summary) => toolUse('WorkflowStep', { step: name, status: 'skipped', summary });
  return startScriptedServer([], {
    whenDone: (request) =>
      request.body.messages.length === 1
        ? { ...toolTurn([step('analyze', 'nothing to analyze')]), latencyMs }
        : { ...toolTurn([...['design', 'secure', 'optimize', 'deploy'].map((s) => step(s, `nothing to do for ${s}`)), toolUse('Handoff', { to: 'terminal', summary: 'Reviewed.' })]), latencyMs },
  });
}

export function reviewArchive(root) {
  return execFileSync('tar', ['czf', '-', '-C', path.join(root, 'test/mcp/fixtures/node-app'), '.']);
}

/** The SDK's own JSON-RPC client for the agent card at `url`, sending `key` as its Bearer token. */
export function a2aClient(url, key) {
  const fetchImpl = (input, init) => {
    const headers = new Headers(init?.headers);
    headers.set('authorization', `Bearer ${key}`);
    return fetch(input, { ...init, headers });
  };
  return new ClientFactory(ClientFactoryOptions.createFrom(ClientFactoryOptions.default, { transports: [new JsonRpcTransportFactory({ fetchImpl })] })).createFromUrl(url);
}

/** A SendMessage request: review project number `i`; non-blocking unless `returnImmediately` is false. */
export function reviewMessage(i, archive, returnImmediately = true) {
  return {
    tenant: '',
    metadata: undefined,
    configuration: { acceptedOutputModes: [], taskPushNotificationConfig: undefined, returnImmediately },
    message: {
      messageId: crypto.randomUUID(),
      contextId: '',
      taskId: '',
      role: Role.ROLE_USER,
      metadata: undefined,
      extensions: [],
      referenceTaskIds: [],
      parts: [
        { content: { $case: 'text', value: `Review this project (${i})` }, metadata: undefined, filename: '', mediaType: 'text/plain' },
        { content: { $case: 'raw', value: archive }, metadata: undefined, filename: 'project.tar.gz', mediaType: 'application/gzip' },
      ],
    },
  };
}

/** How many of the caller's tasks are in `status` (the SDK's ListTasks). */
export async function countTasks(client, status) {
  return (await client.listTasks({ tenant: '', contextId: '', status, pageSize: 1, pageToken: '', historyLength: 0, statusTimestampAfter: undefined, includeArtifacts: false })).totalSize;
}
