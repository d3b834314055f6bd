import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, symlinkSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { createMcpManager, loadMcpConfig } from '../../agent/mcp/index.js';
import { ROOT, rules, tempDir, toolContext } from './helpers.js';

const BIN = path.join(ROOT, 'bin/docker-expert.js');

/** A served folder: a node project, a sub-folder, and a symlink that points outside. */
function servedFolder(): string {
  const dir = tempDir('mcp-served-');
  cpSync(path.join(ROOT, 'test/mcp/fixtures/node-app'), path.join(dir, 'app'), { recursive: true });
  mkdirSync(path.join(dir, 'empty'));
  writeFileSync(path.join(dir, 'app', 'Dockerfile'), 'FROM node\nRUN apt-get update && apt-get install -y curl\nCOPY . .\nCMD node server.js\n');
  symlinkSync(tempDir('mcp-outside-'), path.join(dir, 'escape'));
  return dir;
}

async function stdioClient(cwd: string, env: Record<string, string> = {}): Promise<Client> {
  const client = new Client({ name: 'test', version: '1' });
  await client.connect(new StdioClientTransport({ command: process.execPath, args: [BIN, 'mcp'], cwd, env: { PATH: process.env.PATH!, ...env }, stderr: 'pipe' }));
  return client;
}

const text = (r: Awaited<ReturnType<Client['callTool']>>) => (r.content as { type: string; text: string }[]).map((c) => c.text).join('\n');

describe('docker-expert mcp over stdio (SDK client)', () => {
  let served: string;
  let client: Client;
  beforeAll(async () => {
    served = servedFolder();
    client = await stdioClient(served);
  });
  afterAll(async () => client?.close());

  it('announces itself and lists its tools with read-only hints', async () => {
    expect(client.getServerVersion()).toMatchObject({ name: 'docker-expert' });
    const { tools } = await client.listTools();
    const names = tools.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['check', 'explain_rule', 'fix', 'generate_dockerfile']));
    expect(tools.find((t) => t.name === 'generate_dockerfile')!.annotations).toMatchObject({ readOnlyHint: true });
  });

  it('generate_dockerfile detects the project and returns a Dockerfile', async () => {
    const r = await client.callTool({ name: 'generate_dockerfile', arguments: { dir: 'app' } });
    expect(r.isError).toBeFalsy();
    expect(text(r)).toMatch(/^Stack: node in /);
    expect(r.structuredContent).toMatchObject({ language: 'node', dockerfile: expect.stringMatching(/^# syntax=docker\/dockerfile:1/) });
    expect((r.structuredContent as { dockerfile: string }).dockerfile).toMatch(/USER 10001/);
  });

  it('check reports findings for paths under the folder and for a text', async () => {
    const r = await client.callTool({ name: 'check', arguments: { paths: ['app'] } });
    expect(r.isError).toBeFalsy();
    const report = r.structuredContent as { findings: { rule: string; file: string; line: number }[]; files: { path: string; kind: string }[] };
    expect(report.files).toEqual([{ path: 'app/Dockerfile', kind: 'dockerfile' }]);
    expect(report.findings).toEqual(expect.arrayContaining([expect.objectContaining({ rule: 'DL3006', file: 'app/Dockerfile', line: 1 })]));
    expect(text(r)).toContain('DL3006');
    const t = await client.callTool({ name: 'check', arguments: { text: 'FROM ubuntu:latest\nUSER root\n', kind: 'dockerfile' } });
    expect((t.structuredContent as { findings: { rule: string }[] }).findings.map((f) => f.rule)).toEqual(expect.arrayContaining(['DL3007']));
    expect(text(t)).toMatch(/^Dockerfile:1:\d+ \w+ DL3007: /m);
    expect((await client.callTool({ name: 'check', arguments: { text: 'x', paths: ['app'] } })).isError).toBe(true);
  });

  it('explain_rule answers by id and by alias, and says when a rule is unknown', async () => {
    const r = await client.callTool({ name: 'explain_rule', arguments: { rule: 'dl3006' } });
    expect(r.structuredContent).toMatchObject({ id: 'DL3006', kind: 'dockerfile' });
    expect(text(r)).toMatch(/^DL3006 \(dockerfile, /);
    const unknown = await client.callTool({ name: 'explain_rule', arguments: { rule: 'NOPE-1' } });
    expect(unknown).toMatchObject({ isError: true });
    expect(text(unknown)).toBe("unknown rule 'NOPE-1'");
  });

  it('fix returns a fixed text without writing, and fixes files in place under the folder', async () => {
    const before = readFileSync(path.join(served, 'app/Dockerfile'), 'utf8');
    const t = await client.callTool({ name: 'fix', arguments: { text: before } });
    const fixed = t.structuredContent as { text: string; changes: { rule: string }[] };
    expect(fixed.changes.length).toBeGreaterThan(0);
    expect(fixed.text).not.toBe(before);
    expect(readFileSync(path.join(served, 'app/Dockerfile'), 'utf8')).toBe(before);
    const inPlace = await client.callTool({ name: 'fix', arguments: { paths: ['app/Dockerfile'] } });
    expect((inPlace.structuredContent as { changes: unknown[] }).changes.length).toBe(fixed.changes.length);
    expect(readFileSync(path.join(served, 'app/Dockerfile'), 'utf8')).toBe(fixed.text);
    expect((await client.callTool({ name: 'fix', arguments: { paths: ['../'] } })).isError).toBe(true);
  });

  it('refuses paths outside the served folder, through .. or a symlink', async () => {
    for (const tool of ['check', 'fix']) {
      const r = await client.callTool({ name: tool, arguments: { paths: ['app', 'escape'] } });
      expect(text(r)).toMatch(/^refused: 'escape' is outside the served folder/);
    }
    for (const dir of ['..', 'escape', '/etc']) {
      const r = await client.callTool({ name: 'generate_dockerfile', arguments: { dir } });
      expect(r.isError).toBe(true);
      expect(text(r)).toMatch(/^refused: .* is outside the served folder/);
    }
  });

  it('a folder with no project is an is_error result, and bad arguments are refused by the schema', async () => {
    expect(text(await client.callTool({ name: 'generate_dockerfile', arguments: { dir: 'empty' } }))).toMatch(/no known project manifest/);
    const bad = await client.callTool({ name: 'generate_dockerfile', arguments: { port: 'eighty' } });
    expect(bad.isError).toBe(true);
  });
});

describe('docker-expert mcp --http (streamable HTTP on 127.0.0.1, bearer token)', () => {
  let proc: ResultPromise;
  let url: string;
  let token: string;
  let served: string;
  let stderr = '';
  beforeAll(async () => {
    served = servedFolder();
    proc = execa(process.execPath, [BIN, 'mcp', '--http', '0', '--root', served, '--allow-origin', 'http://localhost:5173'], {
      cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, DOCKER_EXPERT_MCP_TOKEN: undefined },
    });
    [url, token] = await new Promise<[string, string]>((resolve, reject) => {
      proc.stderr!.on('data', (b: Buffer) => {
        stderr += b.toString();
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+\/mcp)[\s\S]*token \(send Authorization: Bearer <token>\): (\S+)/.exec(stderr);
        if (m) resolve([m[1]!, m[2]!]);
      });
      proc.catch((e) => reject(new Error(`server exited: ${stderr} ${e}`)));
    });
  });
  afterAll(async () => {
    proc.kill('SIGTERM');
    await proc.catch(() => undefined);
  });
  const post = (headers: Record<string, string> = {}) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }) });

  it('serves the tools to the SDK client that sends the token', async () => {
    const client = new Client({ name: 'test', version: '1' });
    await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { authorization: `Bearer ${token}` } } }));
    const r = await client.callTool({ name: 'generate_dockerfile', arguments: { dir: 'app' } });
    expect(r.structuredContent).toMatchObject({ language: 'node' });
    await client.close();
  });

  it('refuses a call without the token, or with another one (401, WWW-Authenticate), before any tool runs', async () => {
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    for (const headers of [{}, { authorization: `Bearer ${token}x` }, { authorization: `Basic ${token}` }, { authorization: 'Bearer' }] as Record<string, string>[]) {
      const r = await post(headers);
      expect(r.status, JSON.stringify(headers)).toBe(401);
      expect(r.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
    const client = new Client({ name: 'test', version: '1' });
    await expect(client.connect(new StreamableHTTPClientTransport(new URL(url)))).rejects.toThrow();
  });

  it('binds 127.0.0.1 only; refuses a foreign Host, and any Origin --allow-origin does not name (localhost ones too)', async () => {
    const auth = { authorization: `Bearer ${token}` };
    expect(await postWithHost(url, 'evil.example', auth)).toBe(403);
    expect(await postWithHost(url, 'evil.example:80', auth)).toBe(403);
    expect((await post({ ...auth, origin: 'http://evil.example' })).status).toBe(403);
    expect((await post({ ...auth, origin: 'http://localhost:3000' })).status).toBe(403);
    expect((await post({ ...auth, origin: 'http://localhost:5173' })).status).toBe(200);
    const init = { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: '{}' };
    expect((await fetch(url.replace('/mcp', '/other'), init)).status).toBe(404);
    expect((await fetch(url, { method: 'GET', headers: auth })).status).toBe(405);
    const port = new URL(url).port;
    const { networkInterfaces } = await import('node:os');
    const external = Object.values(networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal);
    if (external) await expect(fetch(`http://${external.address}:${port}/mcp`, init)).rejects.toThrow();
  });
});

describe('docker-expert mcp --http with DOCKER_EXPERT_MCP_TOKEN', () => {
  it('uses the given token and never prints it; a short one is exit 2', async () => {
    const given = 'x'.repeat(40);
    const proc = execa(process.execPath, [BIN, 'mcp', '--http', '0', '--root', servedFolder()], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, DOCKER_EXPERT_MCP_TOKEN: given } });
    let stderr = '';
    const url = await new Promise<string>((resolve, reject) => {
      proc.stderr!.on('data', (b: Buffer) => {
        stderr += b.toString();
        const m = /listening on (\S+\/mcp)/.exec(stderr);
        if (m) resolve(m[1]!);
      });
      proc.catch((e) => reject(new Error(`server exited: ${stderr} ${e}`)));
    });
    const ok = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', authorization: `Bearer ${given}` }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }) });
    expect(ok.status).toBe(200);
    proc.kill('SIGTERM');
    await proc.catch(() => undefined);
    expect(stderr).not.toContain(given);
    const short = await execa(process.execPath, [BIN, 'mcp', '--http', '0'], { cwd: ROOT, reject: false, env: { ...process.env, DOCKER_EXPERT_MCP_TOKEN: 'short' } });
    expect(short.exitCode).toBe(2);
    expect(short.stderr).toMatch(/DOCKER_EXPERT_MCP_TOKEN is 5 characters; it must be at least 32/);
    const badOrigin = await execa(process.execPath, [BIN, 'mcp', '--http', '0', '--allow-origin', 'http://x.example/path'], { cwd: ROOT, reject: false });
    expect(badOrigin.exitCode).toBe(2);
    expect(badOrigin.stderr).toMatch(/--allow-origin http:\/\/x\.example\/path: an origin is scheme:\/\/host\[:port\], without a path/);
  }, 30_000);
});

describe('our server as the docker_expert entry of the package .mcp.json', () => {
  it('the agent gets mcp__docker_expert__* tools, and no run_agent (it cannot start itself again)', async () => {
    const cwd = servedFolder();
    const { servers } = await loadMcpConfig({ cwd, env: {} });
    const manager = createMcpManager({ cwd, servers, definition: { tools: rules('mcp__docker_expert__*'), disallowedTools: [] } });
    try {
      const tools = await manager.tools();
      expect(manager.status().map((s) => s.name)).toEqual(['docker_expert']);
      const names = tools.map((t) => t.name);
      expect(names).toContain('mcp__docker_expert__generate_dockerfile');
      expect(names).not.toContain('mcp__docker_expert__run_agent');
      const r = await tools.find((t) => t.name === 'mcp__docker_expert__generate_dockerfile')!.call({ dir: 'app' }, toolContext(cwd));
      expect(r.content).toMatch(/^Stack: node in /);
    } finally {
      await manager.close();
    }
  });

  it('runs in this process (no second copy of the CLI), with the same tools and schemas as the spawned copy', async () => {
    const cwd = servedFolder();
    const { servers } = await loadMcpConfig({ cwd, env: {} });
    const manager = createMcpManager({ cwd, servers, definition: { tools: rules('mcp__docker_expert__*'), disallowedTools: [] } });
    const spawned = await stdioClient(cwd, { DOCKER_EXPERT_MCP_DEPTH: '1' });
    try {
      const tools = await manager.tools();
      expect(manager.status()).toEqual([{ name: 'docker_expert', state: 'ready', pid: undefined }]);
      const listed = (await spawned.listTools()).tools;
      expect(tools.map((t) => [t.name, t.description, t.jsonSchema])).toEqual(listed.map((t) => [`mcp__docker_expert__${t.name}`, t.description, t.inputSchema]));
    } finally {
      await manager.close();
      await spawned.close();
    }
  });

  it('any other command line for it (extra flags) still starts a process', async () => {
    const cwd = servedFolder();
    const { servers } = await loadMcpConfig({ cwd, env: {} });
    const own = servers.docker_expert as { args: string[] };
    const manager = createMcpManager({ cwd, servers: { docker_expert: { ...servers.docker_expert, args: [...own.args, '--max-depth', '0'] } as typeof servers.docker_expert }, definition: { tools: rules('mcp__docker_expert__*'), disallowedTools: [] } });
    try {
      expect((await manager.tools()).length).toBeGreaterThan(0);
      expect(manager.status()[0]!.pid).toEqual(expect.any(Number));
    } finally {
      await manager.close();
    }
  });
});

/** fetch will not send a Host of our choosing: node:http will. Resolves with the status code. */
async function postWithHost(url: string, host: string, headers: Record<string, string> = {}): Promise<number> {
  const { request } = await import('node:http');
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { host, 'content-type': 'application/json', ...headers } }, (res) => {
      res.resume();
      resolve(res.statusCode!);
    });
    req.on('error', reject);
    req.end('{}');
  });
}
