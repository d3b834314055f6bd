import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { createMcpManager, loadMcpConfig, type McpManager, type McpManagerOptions, type McpServerConfig } from '../../agent/mcp/index.js';
import { McpServerConnection } from '../../agent/mcp/connection.js';
import { adaptMcpTool } from '../../agent/mcp/tool-adapter.js';
import { outputLimitChars, MAX_RESULT_SIZE_CHARS_CEILING, CUT_OUTPUT_FOLDER } from '../../agent/mcp/output-cap.js';
import { FLAKY, ROOT, alive, stdio, tempDir, toolContext, waitUntil } from './helpers.js';

let manager: McpManager | undefined;
afterEach(async () => {
  await manager?.close();
  manager = undefined;
});

function flaky(flags: string[] = [], extra: Partial<McpManagerOptions> = {}, name = 'flaky'): { manager: McpManager; cwd: string; stateFile: string } {
  const cwd = tempDir();
  const stateFile = path.join(cwd, 'starts.txt');
  manager = createMcpManager({ cwd, servers: { [name]: stdio(name, [FLAKY, '--state-file', stateFile, ...flags]) }, ...extra });
  return { manager, cwd, stateFile };
}
const startedPids = (stateFile: string) => readFileSync(stateFile, 'utf8').trim().split('\n').map(Number);
const byName = async (m: McpManager, name: string) => (await m.tools()).find((t) => t.name === name)!;

describe('servers that fail to start', () => {
  it('a server that exits at start is a warning with its stderr; the other servers still serve', async () => {
    const cwd = tempDir();
    manager = createMcpManager({ cwd, servers: { bad: stdio('bad', [FLAKY, '--crash-on-start']), good: stdio('good', [FLAKY]) } });
    const names = (await manager.tools()).map((t) => t.name);
    expect(names).toContain('mcp__good__echo');
    expect(names.some((n) => n.startsWith('mcp__bad__'))).toBe(false);
    expect(manager.warnings).toEqual([
      expect.objectContaining({ kind: 'connect_failed', server: 'bad', message: expect.stringMatching(/exited with code 3.*crashing on start as asked/) }),
    ]);
  });

  it('a command that does not exist is a warning', async () => {
    manager = createMcpManager({ cwd: tempDir(), servers: { nope: { name: 'nope', type: 'stdio', command: 'no-such-command-xyz', args: [], env: {}, source: 't' } } });
    expect(await manager.tools()).toEqual([]);
    expect(manager.warnings[0]).toMatchObject({ kind: 'connect_failed', message: expect.stringContaining("cannot start 'no-such-command-xyz'") });
  });

  it("the package's serena entry without uvx on PATH is a warning, and the run goes on", async () => {
    const cwd = tempDir();
    const { servers } = await loadMcpConfig({ cwd, env: {} });
    const serena = servers.serena as Extract<McpServerConfig, { type: 'stdio' }>;
    manager = createMcpManager({ cwd, servers: { serena: { ...serena, env: { ...serena.env, PATH: path.join(cwd, 'no-bin') } } } });
    expect(await manager.tools()).toEqual([]);
    expect(manager.warnings).toEqual([expect.objectContaining({ kind: 'connect_failed', server: 'serena', message: expect.stringContaining("cannot start 'uvx'") })]);
  });

  it('a server that never answers hits the connect timeout, in parallel, and its process is gone', async () => {
    const cwd = tempDir();
    const files = [path.join(cwd, 'a'), path.join(cwd, 'b')];
    // In parallel: when the first one gives up (after 2 s), both servers have started and written their pids (one
    // after the other, the second would not have been spawned yet). Read at the event, not from the clock: a loaded
    // machine stretches both orders alike.
    let startedAtFirstTimeout: boolean[] | undefined;
    manager = createMcpManager({
      cwd,
      connectTimeoutMs: 2_000,
      servers: { a: stdio('a', [FLAKY, '--hang-on-start', '--state-file', files[0]!]), b: stdio('b', [FLAKY, '--hang-on-start', '--ignore-sigterm', '--state-file', files[1]!]) },
      onWarning: () => (startedAtFirstTimeout ??= files.map((f) => existsSync(f))),
    });
    const t0 = Date.now();
    expect(await manager.tools()).toEqual([]);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(2_000);
    expect(startedAtFirstTimeout).toEqual([true, true]);
    expect(manager.warnings.map((w) => w.kind)).toEqual(['connect_timeout', 'connect_timeout']);
    expect(manager.warnings[0]!.message).toMatch(/no answer within 2000 ms/);
    for (const f of files) expect(await waitUntil(() => !alive(startedPids(f)[0]!))).toBe(true);
  });

});

describe('servers that fail mid-run', () => {
  it('a crash mid-call is an is_error result and a warning; the next call restarts the server once; then it stays down', async () => {
    const { manager: m, cwd, stateFile } = flaky();
    const ctx = toolContext(cwd);
    const crash = await byName(m, 'mcp__flaky__crash');
    const echo = await byName(m, 'mcp__flaky__echo');

    const first = await crash.call({}, ctx);
    expect(first.isError).toBe(true);
    expect(first.content).toMatch(/MCP server 'flaky' failed during crash: exited with code 4.*crashing mid-call/);
    expect(m.warnings.map((w) => w.kind)).toEqual(['crashed']);

    const together = await Promise.all([echo.call({ text: 'again' }, ctx), echo.call({ text: 'and again' }, ctx)]);
    expect(together).toEqual([
      { content: 'echo: again (start 2)', isError: false },
      { content: 'echo: and again (start 2)', isError: false },
    ]);
    expect(m.warnings.map((w) => w.kind)).toEqual(['crashed', 'reconnected']);

    expect((await crash.call({}, ctx)).isError).toBe(true);
    const down = await echo.call({ text: 'third' }, ctx);
    expect(down).toMatchObject({ isError: true, content: expect.stringMatching(/'flaky' is not available \(exited with code 4/) });
    expect(startedPids(stateFile)).toHaveLength(2);
    for (const pid of startedPids(stateFile)) expect(await waitUntil(() => !alive(pid))).toBe(true);
  });

  it('maxReconnects 0: no restart after a crash', async () => {
    const { manager: m, cwd, stateFile } = flaky([], { maxReconnects: 0 });
    const ctx = toolContext(cwd);
    await (await byName(m, 'mcp__flaky__crash')).call({}, ctx);
    expect((await (await byName(m, 'mcp__flaky__echo')).call({ text: 'x' }, ctx)).isError).toBe(true);
    expect(startedPids(stateFile)).toHaveLength(1);
  });

  it('a restart that fails is an is_error result naming the failure', async () => {
    const { manager: m, cwd } = flaky(['--crash-after-first']);
    const ctx = toolContext(cwd);
    await (await byName(m, 'mcp__flaky__crash')).call({}, ctx);
    const r = await (await byName(m, 'mcp__flaky__echo')).call({ text: 'x' }, ctx);
    expect(r).toMatchObject({ isError: true, content: expect.stringContaining('restart failed') });
    expect(m.warnings.map((w) => w.kind)).toEqual(['crashed', 'connect_failed']);
  });

});

describe('no orphaned processes', () => {
  it('close() ends the server and what it started, even a server that ignores SIGTERM', async () => {
    const { manager: m, cwd } = flaky(['--grandchild', '--ignore-sigterm']);
    const pids = JSON.parse((await (await byName(m, 'mcp__flaky__pids')).call({}, toolContext(cwd))).content);
    expect(alive(pids.pid) && alive(pids.grandchild)).toBe(true);
    await m.close();
    expect(alive(pids.pid)).toBe(false);
    expect(await waitUntil(() => !alive(pids.grandchild))).toBe(true);
    expect(m.status().every((s) => s.state === 'closed')).toBe(true);
  });

  it('a crashed server takes its children with it', async () => {
    const { manager: m, cwd } = flaky(['--grandchild'], { maxReconnects: 0 });
    const pids = JSON.parse((await (await byName(m, 'mcp__flaky__pids')).call({}, toolContext(cwd))).content);
    await (await byName(m, 'mcp__flaky__crash')).call({}, toolContext(cwd));
    expect(await waitUntil(() => !alive(pids.grandchild))).toBe(true);
  });

  it('close() during start-up stops the servers that were still starting', async () => {
    const { manager: m, stateFile } = flaky(['--hang-on-start'], { connectTimeoutMs: 10_000 });
    const listing = m.tools();
    expect(await waitUntil(() => existsSync(stateFile), 15_000)).toBe(true);
    await m.close();
    expect(await listing).toEqual([]);
    expect(await waitUntil(() => !alive(startedPids(stateFile)[0]!))).toBe(true);
    expect(m.warnings).toEqual([]);
  });

  it('a server still starting is stopped at once, without the grace a ready server gets to read the end of its input', async () => {
    // The grace is far longer than the test's timeout: close() returns only because the server is signalled at once.
    const { manager: m, stateFile } = flaky(['--hang-on-start', '--ignore-eof'], { connectTimeoutMs: 60_000, stdinCloseGraceMs: 120_000 });
    const listing = m.tools();
    expect(await waitUntil(() => existsSync(stateFile), 15_000)).toBe(true);
    await m.close();
    // As in the test above, the process may take a moment more to go once close() returns; without the signal it
    // would stay for the whole grace (close() itself would outlast the test's timeout).
    expect(await waitUntil(() => !alive(startedPids(stateFile)[0]!), 10_000)).toBe(true);
    expect(await listing).toEqual([]);
  });

  it('a ready server gets its grace: it ends on the end of its input, not on a signal', async () => {
    const exitFile = path.join(tempDir(), 'exits.txt');
    const { manager: m, cwd } = flaky(['--exit-file', exitFile], { stdinCloseGraceMs: 120_000 });
    const pids = JSON.parse((await (await byName(m, 'mcp__flaky__pids')).call({}, toolContext(cwd))).content);
    await m.close();
    expect(alive(pids.pid)).toBe(false);
    // It ran its own exit: no signal ended it (SIGTERM would have, without running it).
    expect(readFileSync(exitFile, 'utf8').trim()).toBe(String(pids.pid));
    expect(m.warnings).toEqual([]);
  });
});

describe('one server, many calls (limits and results)', () => {
  let shared: McpManager;
  let cwd: string;
  beforeAll(async () => {
    cwd = tempDir();
    shared = createMcpManager({ cwd, servers: { flaky: stdio('flaky', [FLAKY, '--meta-limit', '100']) }, maxOutputTokens: 10, callTimeoutMs: 1_500 });
    await shared.tools();
  });
  afterAll(() => shared.close());
  const tool = (name: string) => byName(shared, name);

  it('a call that hangs times out as an is_error result and the server keeps serving', async () => {
    const t0 = Date.now();
    const r = await (await tool('mcp__flaky__hang')).call({}, toolContext(cwd));
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1_500);
    expect(r).toMatchObject({ isError: true, content: expect.stringMatching(/hang timed out \(no answer or progress within 1500 ms/) });
    expect((await (await tool('mcp__flaky__echo')).call({ text: 'still here' }, toolContext(cwd))).content).toBe('echo: still here (start 1)');
  });

  it('an aborted call returns at once as cancelled', async () => {
    const ac = new AbortController();
    const pending = (await tool('mcp__flaky__hang')).call({}, toolContext(cwd, ac.signal));
    setTimeout(() => ac.abort(), 50);
    expect(await pending).toMatchObject({ isError: true, content: expect.stringContaining('cancelled') });
  });

  it("a server's own error result stays an is_error result", async () => {
    expect(await (await tool('mcp__flaky__fails')).call({}, toolContext(cwd))).toEqual({ content: 'it went wrong', isError: true });
  });

  it('output cap edge: exactly the limit passes, one more character is cut and saved whole', async () => {
    const big = await tool('mcp__flaky__big');
    expect((await big.call({ chars: 40 }, toolContext(cwd))).content).toBe('x'.repeat(40));
    const cut = await big.call({ chars: 41 }, toolContext(cwd));
    expect(cut.content.startsWith(`${'x'.repeat(40)}\n\n[output cut: 40 of 41 characters shown`)).toBe(true);
    const saved = /saved in (\S+)\]$/.exec(cut.content)![1]!;
    expect(path.dirname(saved)).toBe(path.join(cwd, '.session', CUT_OUTPUT_FOLDER));
    expect(readFileSync(saved, 'utf8')).toBe('x'.repeat(41));
  });

  it("a tool's _meta maxResultSizeChars raises its own limit, never past the ceiling", async () => {
    const allowed = await tool('mcp__flaky__big_allowed');
    expect((await allowed.call({ chars: 100 }, toolContext(cwd))).content).toBe('y'.repeat(100));
    expect((await allowed.call({ chars: 101 }, toolContext(cwd))).content).toMatch(/output cut: 100 of 101/);
    expect(outputLimitChars(10, { 'anthropic/maxResultSizeChars': 10 })).toBe(40);
    expect(outputLimitChars(25_000, { 'anthropic/maxResultSizeChars': 10_000_000 })).toBe(MAX_RESULT_SIZE_CHARS_CEILING);
    expect(outputLimitChars(25_000, undefined)).toBe(100_000);
  });

  it('read-only hint decides isReadOnly and isConcurrencySafe', async () => {
    const echo = await tool('mcp__flaky__echo');
    const crash = await tool('mcp__flaky__crash');
    expect([echo.isReadOnly({}), echo.isConcurrencySafe({}), crash.isReadOnly({}), crash.isConcurrencySafe({})]).toEqual([true, true, false, false]);
  });
});

describe('name, description and connect limits', () => {
  it('a server answering within the connect timeout is kept; a tool name of exactly the limit is kept, longer is left out', async () => {
    // mcp__flaky__echo is 16 characters; mcp__flaky__big_allowed is 23.
    const { manager: m } = flaky([], {
      connectTimeoutMs: 10_000,
      maxToolNameChars: 16,
      definition: { tools: [{ tool: 'mcp__flaky__echo', raw: 'x' }, { tool: 'mcp__flaky__big_allowed', raw: 'y' }], disallowedTools: [] },
    });
    expect((await m.tools()).map((t) => t.name)).toEqual(['mcp__flaky__echo']);
    expect(m.warnings).toEqual([expect.objectContaining({ kind: 'tool_skipped', message: expect.stringContaining('mcp__flaky__big_allowed left out: its name is longer than 16') })]);
  });

  it('description length edge', () => {
    const connection = new McpServerConnection(stdio('s', []), { cwd: '/', onWarning: () => undefined });
    const listed = { name: 'echo', description: 'Echoes its text', inputSchema: { type: 'object' as const } };
    expect(adaptMcpTool(listed, connection, { maxDescriptionChars: 15 }).description).toBe('Echoes its text');
    expect(adaptMcpTool(listed, connection, { maxDescriptionChars: 14 }).description).toBe('Echoes its tex… [cut]');
    expect(adaptMcpTool({ ...listed, name: 'a.b c' }, connection).name).toBe('mcp__s__a_b_c');
  });
});

describe('warnings reach the run', () => {
  it('onNotice replays earlier warnings and forwards later ones; onWarning sees each as it happens', async () => {
    const seen: string[] = [];
    const { manager: m, cwd } = flaky([], { maxReconnects: 0, onWarning: (w) => seen.push(w.kind) });
    const cwdBad = tempDir();
    const other = createMcpManager({ cwd: cwdBad, servers: { bad: stdio('bad', [FLAKY, '--crash-on-start']) } });
    await other.tools();
    const replayed: string[] = [];
    other.onNotice((message) => replayed.push(message));
    expect(replayed).toEqual([expect.stringContaining("MCP server 'bad'")]);
    await other.close();

    const live: string[] = [];
    m.onNotice((message) => live.push(message));
    await (await byName(m, 'mcp__flaky__crash')).call({}, toolContext(cwd));
    expect(live).toEqual([expect.stringMatching(/^MCP server 'flaky' stopped: exited with code 4/)]);
    expect(seen).toEqual(['crashed']);
  });
});

describe('a process that exits without closing its manager', () => {
  it('leaves no server or grandchild behind (exit hook kills the process groups)', async () => {
    const { build } = await import('esbuild');
    const { execa } = await import('execa');
    const out = path.join(tempDir(), 'exit-without-close.mjs');
    await build({ entryPoints: [path.join(ROOT, 'test/mcp/fixtures/exit-without-close.ts')], outfile: out, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'error',
      // CommonJS dependencies (cross-spawn) need a require inside an ESM bundle.
      banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" } });
    const res = await execa(process.execPath, [out, FLAKY, tempDir()], { timeout: 20_000 });
    const pids = JSON.parse(res.stdout.trim());
    expect(pids.pid).toBeGreaterThan(0);
    expect(pids.grandchild).toBeGreaterThan(0);
    expect(await waitUntil(() => !alive(pids.pid) && !alive(pids.grandchild))).toBe(true);
  });
});
