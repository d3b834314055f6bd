import { afterEach, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { endTurn, startScriptedServer, toolTurn, toolUse, type ScriptedServer } from '../support/scripted-server.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { describeEvent } from '../../agent/mcp/server/tools/run-agent.js';
import { createDockerExpertServer, DEFAULT_MAX_AGENT_DEPTH } from '../../agent/mcp/server/server.js';
import { ROOT, tempDir, waitUntil } from './helpers.js';

const BIN = path.join(ROOT, 'bin/docker-expert.js');
let api: ScriptedServer | undefined;
let client: Client | undefined;
afterEach(async () => {
  await client?.close();
  await api?.close();
  client = api = undefined;
});

async function connect(cwd: string, env: Record<string, string>, args: string[] = []): Promise<Client> {
  const c = new Client({ name: 'test', version: '1' });
  await c.connect(new StdioClientTransport({ command: process.execPath, args: [BIN, 'mcp', ...args], cwd, env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/tmp', ...env }, stderr: 'pipe' }));
  return c;
}
/** Our server in this process, over the SDK's in-memory transport pair. */
async function inProcess(depth: number, maxAgentDepth: number): Promise<Client> {
  const server = await createDockerExpertServer({ root: tempDir(), depth, maxAgentDepth, env: {} });
  const [a, b] = InMemoryTransport.createLinkedPair();
  await server.connect(a);
  const c = new Client({ name: 'test', version: '1' });
  await c.connect(b);
  return c;
}
/**
 * A project folder whose .mcp.json replaces the package's network servers (Ref is hosted, serena comes through
 * uvx) with local ones that exit at once: the nearer entry wins, so the agent run never leaves the machine.
 */
function offlineProject(): string {
  const dir = tempDir();
  const exitAtOnce = { command: process.execPath, args: ['-e', 'process.exit(1)'] };
  writeFileSync(path.join(dir, '.mcp.json'), JSON.stringify({ mcpServers: { Ref: exitAtOnce, serena: exitAtOnce } }));
  return dir;
}
const toolNames = async (c: Client) => (await c.listTools()).tools.map((t) => t.name);

describe('run_agent', () => {
  it('is offered below the nesting limit only (depth 0 of 1; depth 1 of 2), and the instructions say so', async () => {
    const offered = async (depth: number, maxAgentDepth: number) => {
      const c = await inProcess(depth, maxAgentDepth);
      const names = await toolNames(c);
      const instructions = c.getInstructions() ?? '';
      await c.close();
      expect(instructions.includes('run_agent')).toBe(names.includes('run_agent'));
      return names.includes('run_agent');
    };
    expect(await offered(0, DEFAULT_MAX_AGENT_DEPTH)).toBe(true);
    expect(await offered(1, DEFAULT_MAX_AGENT_DEPTH)).toBe(false);
    expect(await offered(1, 2)).toBe(true);
    expect(await offered(0, 0)).toBe(false);
  });

  it('the server reads its depth from DOCKER_EXPERT_MCP_DEPTH (stdio, the real command)', async () => {
    client = await connect(tempDir(), { DOCKER_EXPERT_MCP_DEPTH: '1' });
    expect(await toolNames(client)).not.toContain('run_agent');
  });

  it('runs the agent on a task in a folder, with progress notifications, and returns the result object', async () => {
    const served = offlineProject();
    const dockerfile = path.join(served, 'Dockerfile');
    writeFileSync(dockerfile, 'FROM node:20\nCMD ["node", "index.js"]\n');
    // Whatever the workflow asks after the first answer, the script has a reply, and max_turns bounds the run.
    api = await startScriptedServer([toolTurn([toolUse('Read', { file_path: dockerfile })]), ...Array.from({ length: 3 }, () => endTurn('The image runs as root.'))]);
    client = await connect(served, { ANTHROPIC_API_KEY: 'sk-test', ANTHROPIC_BASE_URL: api.url });
    const progress: string[] = [];
    const r = await client.callTool({ name: 'run_agent', arguments: { task: 'Review the Dockerfile', permission_mode: 'plan', max_turns: 3 } }, undefined, {
      onprogress: (p) => progress.push(p.message ?? ''),
      timeout: 60_000,
    });
    const result = r.structuredContent as Record<string, unknown>;
    expect(result).toMatchObject({ type: 'result', session_id: expect.any(String), model: 'claude-sonnet-5-5' });
    expect(result.num_turns).toBeGreaterThanOrEqual(2);
    expect(JSON.parse((r.content as { text: string }[])[0]!.text)).toEqual(result);
    expect(r.isError ?? false).toBe(result.is_error);
    expect(progress).toContainEqual(expect.stringMatching(/^started docker-expert on /));
    expect(progress).toContain('tool Read');
    // The task reached the model, and the Read ran in the served folder.
    expect(JSON.stringify(api.requests[0]!.body.messages)).toContain('Review the Dockerfile');
    expect(JSON.stringify(api.requests[1]!.body.messages)).toContain('FROM node:20');
  });

  it('a task folder outside the served folder is refused before anything runs', async () => {
    client = await inProcess(0, DEFAULT_MAX_AGENT_DEPTH);
    const r = await client.callTool({ name: 'run_agent', arguments: { task: 'x', dir: '/' } });
    expect(r.isError).toBe(true);
    expect((r.content as { text: string }[])[0]!.text).toMatch(/^refused: /);
  });

  it('describes stream-json events in one line', () => {
    expect(describeEvent({ type: 'system', subtype: 'tool_start', name: 'Bash' })).toBe('tool Bash');
    expect(describeEvent({ type: 'system', subtype: 'permission', behavior: 'deny', tool_name: 'Bash', reason: 'no rule' })).toBe('denied Bash: no rule');
    expect(describeEvent({ type: 'system', subtype: 'permission', behavior: 'allow' })).toBeUndefined();
    expect(describeEvent({ type: 'assistant' })).toBeUndefined();
  });
});

/** Pids whose command line holds `token` (the run_agent child carries the task text in its argv). */
function pidsWithArg(token: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(token)) pids.push(Number(entry));
    } catch {
      /* gone already */
    }
  }
  return pids;
}

describe('run_agent cancellation', () => {
  it('cancelling the call stops the agent run', async () => {
    const served = offlineProject();
    api = await startScriptedServer([{ ...endTurn('never sent'), latencyMs: 120_000 }]);
    client = await connect(served, { ANTHROPIC_API_KEY: 'sk-test', ANTHROPIC_BASE_URL: api.url });
    const token = `cancel-me-${process.pid}-${Date.now()}`;
    const ac = new AbortController();
    const call = client.callTool({ name: 'run_agent', arguments: { task: token } }, undefined, {
      signal: ac.signal,
      timeout: 120_000,
      onprogress: (p) => {
        if (p.message?.startsWith('started ')) ac.abort();
      },
    });
    await expect(call).rejects.toThrow();
    expect(await waitUntil(() => pidsWithArg(token).length === 0, 10_000)).toBe(true);
  });
});
