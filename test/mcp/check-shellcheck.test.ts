import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { createDockerExpertServer } from '../../agent/mcp/server/server.js';
import { shellcheckForTests } from '../support/shellcheck.js';
import { tempDir } from './helpers.js';

const { skip, title } = shellcheckForTests('the MCP check tool runs ShellCheck on RUN scripts');
const DOCKERFILE = 'FROM debian:12\nRUN echo $1\nUSER nobody\n';
let client: Client | undefined;
const saved = process.env.DOCKER_EXPERT_SHELLCHECK;
afterEach(async () => {
  await client?.close();
  client = undefined;
  if (saved === undefined) delete process.env.DOCKER_EXPERT_SHELLCHECK;
  else process.env.DOCKER_EXPERT_SHELLCHECK = saved;
});

/** Our server in this process (it finds ShellCheck as the process does), serving a folder with one Dockerfile. */
async function connect(): Promise<Client> {
  const root = tempDir('mcp-sc-');
  writeFileSync(path.join(root, 'Dockerfile'), DOCKERFILE);
  const server = await createDockerExpertServer({ root, depth: 0, maxAgentDepth: 0, env: {} });
  const [a, b] = InMemoryTransport.createLinkedPair();
  await server.connect(a);
  const c = new Client({ name: 'test', version: '1' });
  await c.connect(b);
  return c;
}

const text = (r: Awaited<ReturnType<Client['callTool']>>) => (r.content as { type: string; text: string }[]).map((c) => c.text).join('\n');

describe.skipIf(skip !== undefined)(title, () => {
  it('check by paths and by text both report SC2086 at the RUN line', async () => {
    client = await connect();
    const byPath = await client.callTool({ name: 'check', arguments: { paths: ['.'] } });
    expect((byPath.structuredContent as { findings: { rule: string; line: number }[] }).findings).toContainEqual(expect.objectContaining({ rule: 'SC2086', line: 2 }));
    expect(text(byPath)).toContain('SC2086');
    const byText = await client.callTool({ name: 'check', arguments: { text: DOCKERFILE, kind: 'dockerfile' } });
    expect(text(byText)).toMatch(/^Dockerfile:2:\d+ info SC2086: /m);
  });
});

describe('the MCP check tool without a ShellCheck binary', () => {
  it('makes no SC finding and ends its text with the notice', async () => {
    process.env.DOCKER_EXPERT_SHELLCHECK = path.join(tempDir('mcp-sc-none-'), 'shellcheck');
    client = await connect();
    for (const args of [{ paths: ['.'] }, { text: DOCKERFILE, kind: 'dockerfile' }]) {
      const r = await client.callTool({ name: 'check', arguments: args });
      expect(text(r)).not.toMatch(/SC\d{4}/);
      expect(text(r)).toMatch(/\nNotice: ShellCheck not run \(.*shellcheck is not an executable file\)/);
      expect((r.structuredContent as { notices?: string[] }).notices).toHaveLength(1);
    }
  });
});
