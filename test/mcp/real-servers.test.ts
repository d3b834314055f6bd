import { afterEach, describe, expect, it } from 'vitest';
import { execa, type ResultPromise } from 'execa';
import { createMcpManager, loadMcpConfig, type McpManager } from '../../agent/mcp/index.js';
import { EVERYTHING, alive, freePort, http, rules, stdio, tempDir, toolContext, waitForPort } from './helpers.js';

let manager: McpManager | undefined;
let httpServer: ResultPromise | undefined;
afterEach(async () => {
  await manager?.close();
  manager = undefined;
  httpServer?.kill();
  await httpServer?.catch(() => undefined);
  httpServer = undefined;
});

describe('real npm MCP servers', () => {
  it("sequential-thinking over stdio, started from the package's own .mcp.json (node + launcher, no npx)", async () => {
    const cwd = tempDir();
    const { servers } = await loadMcpConfig({ cwd, env: {} });
    manager = createMcpManager({ cwd, servers, definition: { tools: rules('Read', 'mcp__sequential_thinking__*'), disallowedTools: [] } });
    const tools = await manager.tools();
    expect(tools.map((t) => t.name)).toEqual(['mcp__sequential_thinking__sequentialthinking']);
    const [tool] = tools;
    expect(tool!.isReadOnly({})).toBe(true);
    expect(tool!.isConcurrencySafe({})).toBe(true);
    expect(tool!.jsonSchema).toMatchObject({ type: 'object', required: expect.arrayContaining(['thought', 'nextThoughtNeeded']) });
    const result = await tool!.call({ thought: 'plan the image', nextThoughtNeeded: false, thoughtNumber: 1, totalThoughts: 1 }, toolContext(cwd));
    expect(result.isError).toBe(false);
    expect(JSON.parse(result.content)).toMatchObject({ thoughtNumber: 1, totalThoughts: 1, thoughtHistoryLength: 1 });
    expect(await manager.tools()).toBe(tools);
  });

  it('server-everything over stdio: filtered by the definition, calls work, bad input is an is_error result', async () => {
    const cwd = tempDir();
    manager = createMcpManager({
      cwd,
      servers: { everything: stdio('everything', [EVERYTHING, 'stdio']), other: stdio('other', [EVERYTHING, 'stdio']) },
      definition: { tools: rules('mcp__everything__echo', 'mcp__everything__get-sum'), disallowedTools: [] },
    });
    const tools = await manager.tools();
    expect(tools.map((t) => t.name).sort()).toEqual(['mcp__everything__echo', 'mcp__everything__get-sum']);
    expect(manager.status().map((s) => s.name)).toEqual(['everything']);
    const sum = tools.find((t) => t.name === 'mcp__everything__get-sum')!;
    const ok = await sum.call({ a: 2, b: 40 }, toolContext(cwd));
    expect(ok).toMatchObject({ isError: false });
    expect(ok.content).toContain('42');
    const bad = await sum.call({ a: 'two' }, toolContext(cwd));
    expect(bad.isError).toBe(true);
    const pid = manager.status()[0]!.pid!;
    expect(alive(pid)).toBe(true);
    await manager.close();
    expect(alive(pid)).toBe(false);
  });

  it('progress notifications keep a long call alive past callTimeoutMs, up to callMaxTotalMs', async () => {
    const cwd = tempDir();
    manager = createMcpManager({
      cwd,
      servers: { everything: stdio('everything', [EVERYTHING, 'stdio']) },
      definition: { tools: rules('mcp__everything__trigger-long-running-operation'), disallowedTools: [] },
      // Margins for a loaded machine: a progress notification may come up to 750 ms late, the first call may take
      // twice its length.
      callTimeoutMs: 900,
      callMaxTotalMs: 2_400,
    });
    const [long] = await manager.tools();
    // 1.2 s in 8 steps: longer than 900 ms, but a progress notification every 150 ms resets the timeout.
    const ok = await long!.call({ duration: 1.2, steps: 8 }, toolContext(cwd));
    expect(ok).toMatchObject({ isError: false, content: expect.stringContaining('Long running operation completed') });
    // 4 s in 20 steps: progress keeps coming, but the total passes 2.4 s (the message says which limit cut it; had the
    // operation finished first, the call would have succeeded).
    const cut = await long!.call({ duration: 4, steps: 20 }, toolContext(cwd));
    expect(cut).toMatchObject({ isError: true, content: expect.stringContaining('timed out (still running after the total limit of 2400 ms)') });
  });

  it('server-everything over SSE', async () => {
    const port = await freePort();
    httpServer = execa(process.execPath, [EVERYTHING, 'sse'], { env: { PORT: String(port) }, stdio: ['ignore', 'ignore', 'pipe'] });
    await waitForPort(port);
    const cwd = tempDir();
    manager = createMcpManager({ cwd, servers: { old: http('old', `http://127.0.0.1:${port}/sse`, 'sse') }, definition: { tools: rules('mcp__old__echo'), disallowedTools: [] } });
    const [echo] = await manager.tools();
    expect(echo!.name).toBe('mcp__old__echo');
    expect((await echo!.call({ message: 'sse' }, toolContext(cwd))).content).toBe('Echo: sse');
  });

  it('an unreachable HTTP server is a warning and no tools, not a failure', async () => {
    const port = await freePort();
    manager = createMcpManager({ cwd: tempDir(), servers: { gone: http('gone', `http://127.0.0.1:${port}/mcp`) } });
    expect(await manager.tools()).toEqual([]);
    expect(manager.warnings).toEqual([expect.objectContaining({ kind: 'connect_failed', server: 'gone' })]);
  });
});

describe('headers of http and sse entries', () => {
  it('reach the server on every request (here one that records them and refuses)', async () => {
    const { createServer } = await import('node:http');
    const seen: { method: string; auth?: string }[] = [];
    const srv = createServer((req, res) => {
      seen.push({ method: req.method!, auth: req.headers.authorization });
      res.writeHead(401).end();
    });
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const port = (srv.address() as { port: number }).port;
    try {
      const servers = {
        h: { ...http('h', `http://127.0.0.1:${port}/mcp`), headers: { Authorization: 'Bearer one' } },
        s: { ...http('s', `http://127.0.0.1:${port}/sse`, 'sse'), headers: { Authorization: 'Bearer two' } },
      };
      manager = createMcpManager({ cwd: tempDir(), servers });
      expect(await manager.tools()).toEqual([]);
      expect(manager.warnings.map((w) => w.server).sort()).toEqual(['h', 's']);
      expect(seen).toEqual(expect.arrayContaining([{ method: 'POST', auth: 'Bearer one' }, { method: 'GET', auth: 'Bearer two' }]));
      expect(seen.every((r) => r.auth !== undefined)).toBe(true);
    } finally {
      srv.close();
    }
  });
});

describe('server-everything over streamable HTTP on 127.0.0.1', () => {
  it('serves calls; when it goes away calls are is_error results, and the next call reconnects once when it is back', async () => {
    const port = await freePort();
    const start = async () => {
      httpServer = execa(process.execPath, [EVERYTHING, 'streamableHttp'], { env: { PORT: String(port) }, stdio: ['ignore', 'ignore', 'pipe'] });
      await waitForPort(port);
    };
    await start();
    const cwd = tempDir();
    manager = createMcpManager({ cwd, servers: { web: http('web', `http://127.0.0.1:${port}/mcp`) }, definition: { tools: rules('mcp__web__echo'), disallowedTools: [] } });
    const [echo] = await manager.tools();
    expect(echo!.name).toBe('mcp__web__echo');
    expect(await echo!.call({ message: 'one' }, toolContext(cwd))).toEqual({ content: 'Echo: one', isError: false });
    expect(manager.warnings).toEqual([]);

    httpServer!.kill('SIGKILL');
    await httpServer!.catch(() => undefined);
    const down = await echo!.call({ message: 'two' }, toolContext(cwd));
    expect(down).toMatchObject({ isError: true, content: expect.stringContaining("MCP server 'web' failed during echo") });
    expect(manager.warnings.map((w) => w.kind)).toEqual(['crashed']);

    await start();
    expect(await echo!.call({ message: 'three' }, toolContext(cwd))).toEqual({ content: 'Echo: three', isError: false });
    expect(manager.warnings.map((w) => w.kind)).toEqual(['crashed', 'reconnected']);
  });
});
