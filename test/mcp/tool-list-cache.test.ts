/**
 * The tool-list cache: a server with a cached list does not hold up the first model request; it connects in the
 * background, a call made meanwhile waits for it, and a list that changed (or a server that cannot start) reaches
 * the next request. Real stdio servers (the flaky fixture), a real runAgent over the scripted Messages API.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMcpManager, loadMcpConfig } from '../../agent/mcp/index.js';
import { readToolList, toolListKey, writeToolList } from '../../agent/mcp/tool-list-cache.js';
import { endTurn, startScriptedServer, toolTurn, toolUse, type ScriptedServer } from '../support/scripted-server.js';
import { definition } from '../loop/helpers.js';
import { FLAKY, rules, stdio, tempDir, toolContext } from './helpers.js';

const managers: { close(): Promise<void> }[] = [];
let api: ScriptedServer | undefined;
afterEach(async () => {
  await Promise.all(managers.splice(0).map((m) => m.close()));
  await api?.close();
  api = undefined;
});

function manager(cacheDir: string, servers = [stdio('flaky', [FLAKY])]) {
  const m = createMcpManager({ cwd: tempDir(), servers: Object.fromEntries(servers.map((s) => [s.name, s])), toolListCacheDir: cacheDir });
  managers.push(m);
  return m;
}

const STALE = { server: { name: 'flaky', version: '0.9' }, tools: [{ name: 'retired', description: 'Gone since the upgrade', inputSchema: { type: 'object' as const, properties: {} } }] };

describe('MCP tool-list cache', () => {
  it('a cold start waits for the server and records its list; a warm start answers from the cache before the server is up', async () => {
    const dir = tempDir('mcp-cache-');
    const cold = manager(dir);
    const live = (await cold.tools()).map((t) => t.name);
    expect(live).toContain('mcp__flaky__echo');
    expect(cold.status()[0]!.state).toBe('ready');
    const entry = await readToolList(dir, toolListKey(stdio('flaky', [FLAKY])));
    expect(entry?.tools.map((t) => `mcp__flaky__${t.name}`)).toEqual(live);
    expect(entry?.server?.name).toBeTruthy();

    const warm = manager(dir);
    const offered = await warm.tools();
    // Answered from the cache: the server has not finished starting yet (status lists only servers that are up or down).
    expect(warm.status()).toEqual([]);
    expect(offered.map((t) => t.name)).toEqual(live);
    // A call made now waits for the server instead of failing.
    const r = await offered.find((t) => t.name === 'mcp__flaky__echo')!.call({ text: 'hi' }, toolContext(tempDir()));
    expect(r.isError).toBeFalsy();
    expect(r.content).toContain('hi');
    expect(warm.status().map((s) => s.state)).toEqual(['ready']);
  });

  it('with holdBackgroundStarts a cached server starts only once the first request is under way, or at a call before it', async () => {
    const dir = tempDir('mcp-cache-');
    const counted = (name: string) => {
      const file = path.join(tempDir(), `${name}-starts`);
      return { config: stdio('flaky', [FLAKY, '--state-file', file]), started: () => existsSync(file) };
    };
    const make = (config: ReturnType<typeof stdio>, hold: boolean) => {
      const m = createMcpManager({ cwd: tempDir(), servers: { flaky: config }, toolListCacheDir: dir, holdBackgroundStarts: hold });
      managers.push(m);
      return m;
    };
    const heldServer = counted('held');
    const control = counted('control');
    for (const c of [heldServer, control]) await writeToolList(dir, toolListKey(c.config), { server: { name: 'flaky', version: '1' }, tools: [{ name: 'echo', inputSchema: { type: 'object' } }] });
    const held = make(heldServer.config, true);
    expect((await held.tools()).map((t) => t.name)).toEqual(['mcp__flaky__echo']);
    // The control, made after it and not held, starts in the background; by then the held one would have too.
    await make(control.config, false).tools();
    await expect.poll(control.started, { timeout: 20_000 }).toBe(true);
    expect(heldServer.started()).toBe(false);
    held.requestStarted();
    await expect.poll(heldServer.started, { timeout: 20_000 }).toBe(true);
    await expect.poll(() => held.status().map((s) => s.state), { timeout: 20_000 }).toEqual(['ready']);

    // A call before the request starts the server itself and waits for it.
    const earlyServer = counted('early');
    await writeToolList(dir, toolListKey(earlyServer.config), { server: { name: 'flaky', version: '1' }, tools: [{ name: 'echo', inputSchema: { type: 'object' } }] });
    const early = make(earlyServer.config, true);
    const [echo] = await early.tools();
    const r = await echo!.call({ text: 'early' }, toolContext(tempDir()));
    expect(r.content).toContain('early');
    expect(early.status().map((s) => s.state)).toEqual(['ready']);
  });

  it('a changed live list is announced with onToolsChanged and replaces the cache entry', async () => {
    const dir = tempDir('mcp-cache-');
    const key = toolListKey(stdio('flaky', [FLAKY]));
    await writeToolList(dir, key, STALE);
    const m = manager(dir);
    const changed = new Promise<string[]>((resolve) => m.onToolsChanged((tools) => resolve(tools.map((t) => t.name))));
    expect((await m.tools()).map((t) => t.name)).toEqual(['mcp__flaky__retired']);
    const now = await changed;
    expect(now).toContain('mcp__flaky__echo');
    expect(now).not.toContain('mcp__flaky__retired');
    expect((await m.tools()).map((t) => t.name)).toEqual(now);
    await expect.poll(async () => (await readToolList(dir, key))?.tools.map((t) => t.name)).toContain('echo');
    // Only the entry itself: no temp files left behind.
    expect(readdirSync(dir)).toEqual([`${key}.json`]);
  });

  it('a server that cannot start loses its cached tools and says why; nothing in the cache changes', async () => {
    const dir = tempDir('mcp-cache-');
    const config = stdio('flaky', [FLAKY, '--crash-on-start']);
    const key = toolListKey(config);
    await writeToolList(dir, key, STALE);
    const before = readFileSync(path.join(dir, `${key}.json`), 'utf8');
    const m = manager(dir, [config]);
    const notices: string[] = [];
    m.onNotice((n) => notices.push(n));
    const changed = new Promise<string[]>((resolve) => m.onToolsChanged((tools) => resolve(tools.map((t) => t.name))));
    expect((await m.tools()).map((t) => t.name)).toEqual(['mcp__flaky__retired']);
    expect(await changed).toEqual([]);
    expect(notices).toEqual([expect.stringContaining("MCP server 'flaky'")]);
    expect(readFileSync(path.join(dir, `${key}.json`), 'utf8')).toBe(before);
  });

  it('a server that could not start is remembered: the next run does not wait for it, and says why when it fails again', async () => {
    const dir = tempDir('mcp-cache-');
    const config = stdio('stuck', [FLAKY, '--hang-on-start']);
    const start = () => {
      const m = createMcpManager({ cwd: tempDir(), servers: { stuck: config }, toolListCacheDir: dir, connectTimeoutMs: 400 });
      managers.push(m);
      return m;
    };
    const cold = start();
    expect(await cold.tools()).toEqual([]);
    expect(cold.status()).toEqual([expect.objectContaining({ name: 'stuck', state: 'failed' })]);
    expect(await readToolList(dir, toolListKey(config))).toEqual({ tools: [], failed: true });
    const warm = start();
    const notices: string[] = [];
    warm.onNotice((n) => notices.push(n));
    expect(await warm.tools()).toEqual([]);
    // Answered without waiting for the connect timeout: the server is still starting.
    expect(warm.status()).toEqual([]);
    await expect.poll(() => notices, { timeout: 5_000 }).toEqual([expect.stringContaining("MCP server 'stuck'")]);
  });

  it('our own in-process server, once its list is cached, does not start until its first call', async () => {
    const dir = tempDir('mcp-cache-');
    const cwd = tempDir();
    const { servers } = await loadMcpConfig({ cwd, env: {} });
    const own = () => {
      const m = createMcpManager({ cwd, servers: { docker_expert: servers.docker_expert! }, toolListCacheDir: dir });
      managers.push(m);
      return m;
    };
    const cold = own();
    const names = (await cold.tools()).map((t) => t.name);
    expect(cold.status()).toEqual([{ name: 'docker_expert', state: 'ready', pid: undefined }]);
    const warm = own();
    const offered = await warm.tools();
    expect(offered.map((t) => t.name)).toEqual(names);
    await new Promise((r) => setTimeout(r, 200));
    expect(warm.status()).toEqual([]);
    const r = await offered.find((t) => t.name === 'mcp__docker_expert__explain_rule')!.call({ rule: 'DL3008' }, toolContext(cwd));
    expect(r.isError).toBeFalsy();
    expect(r.content).toContain('DL3008');
    expect(warm.status()).toEqual([{ name: 'docker_expert', state: 'ready', pid: undefined }]);
  });

  it('the run offers the cached list in the first request and the live list in the next one', async () => {
    const dir = tempDir('mcp-cache-');
    const config = stdio('flaky', [FLAKY]);
    await writeToolList(dir, toolListKey(config), { ...STALE, tools: [...STALE.tools, { name: 'echo', description: 'Echoes its text', inputSchema: { type: 'object', properties: { text: { type: 'string' } } } }] });
    api = await startScriptedServer([toolTurn([toolUse('mcp__flaky__echo', { text: 'from the model' })]), endTurn('done')]);
    const m = manager(dir, [config]);
    const { runAgent } = await import('../../agent/run.js');
    const result = await runAgent({
      agent: definition({ tools: rules('mcp__flaky__*') }),
      task: 'use the tool',
      cwd: tempDir(),
      env: { ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: api.url },
      gate: { check: async () => ({ behavior: 'allow', reason: 'test' }) },
      toolSources: [m],
      sessionDir: path.join(tempDir(), 's'),
    }).result;
    expect(result.subtype).toBe('success');
    const offered = api.messageRequests.map((r) => (r.body.tools as { name: string }[]).map((t) => t.name).sort());
    expect(offered[0]).toEqual(['mcp__flaky__echo', 'mcp__flaky__retired']);
    expect(offered[1]).toContain('mcp__flaky__big');
    expect(offered[1]).not.toContain('mcp__flaky__retired');
  });
});
