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

describe('docker-expert mcp --http (streamable HTTP on 127.0.0.1)', () => {
  let proc: ResultPromise;
  let url: string;
  let served: string;
  beforeAll(async () => {
    served = servedFolder();
    proc = execa(process.execPath, [BIN, 'mcp', '--http', '0', '--root', served], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    url = await new Promise<string>((resolve, reject) => {
      let seen = '';
      proc.stderr!.on('data', (b: Buffer) => {
        seen += b.toString();
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+\/mcp)/.exec(seen);
        if (m) resolve(m[1]!);
      });
      proc.catch((e) => reject(new Error(`server exited: ${seen} ${e}`)));
    });
  });
  afterAll(async () => {
    proc.kill('SIGTERM');
    await proc.catch(() => undefined);
  });

  it('serves the tools to the SDK client', async () => {
    const client = new Client({ name: 'test', version: '1' });
    await client.connect(new StreamableHTTPClientTransport(new URL(url)));
    const r = await client.callTool({ name: 'generate_dockerfile', arguments: { dir: 'app' } });
    expect(r.structuredContent).toMatchObject({ language: 'node' });
    await client.close();
  });

  it('binds 127.0.0.1 only and refuses a foreign Host or Origin (DNS rebinding)', async () => {
    const init = { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: '{}' };
    expect(await postWithHost(url, 'evil.example')).toBe(403);
    expect(await postWithHost(url, 'evil.example:80')).toBe(403);
    const foreignOrigin = await fetch(url, { ...init, headers: { ...init.headers, origin: 'http://evil.example' } });
    expect(foreignOrigin.status).toBe(403);
    expect((await fetch(url.replace('/mcp', '/other'), init)).status).toBe(404);
    expect((await fetch(url, { method: 'GET' })).status).toBe(405);
    const port = new URL(url).port;
    const { networkInterfaces } = await import('node:os');
    const external = Object.values(networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal);
    if (external) await expect(fetch(`http://${external.address}:${port}/mcp`, init)).rejects.toThrow();
  });
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
});

/** fetch will not send a Host of our choosing: node:http will. Resolves with the status code. */
async function postWithHost(url: string, host: string): Promise<number> {
  const { request } = await import('node:http');
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { host, 'content-type': 'application/json' } }, (res) => {
      res.resume();
      resolve(res.statusCode!);
    });
    req.on('error', reject);
    req.end('{}');
  });
}
