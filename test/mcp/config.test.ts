import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expandVariables } from '../../agent/mcp/expand.js';
import { loadMcpConfig, McpConfigError, parseMcpConfig } from '../../agent/mcp/config.js';
import { ROOT, tempDir } from './helpers.js';

const parse = (obj: unknown, vars: Record<string, string> = {}) => parseMcpConfig(JSON.stringify(obj), '/p/.mcp.json', { vars });

describe('variable expansion', () => {
  it('expands ${VAR} and ${VAR:-default}, and leaves an unset variable literal and reported', () => {
    expect(expandVariables('a ${X} b', { X: '1' })).toEqual({ value: 'a 1 b', missing: [] });
    expect(expandVariables('${X:-fallback}/${Y:-}', { Y: 'y' })).toEqual({ value: 'fallback/y', missing: [] });
    expect(expandVariables('${EMPTY:-d}', { EMPTY: '' }).value).toBe('d');
    expect(expandVariables('k=${NOPE}', {})).toEqual({ value: 'k=${NOPE}', missing: ['NOPE'] });
    expect(expandVariables('$X and ${1BAD}', { X: 'no' }).value).toBe('$X and ${1BAD}');
  });
});

describe('parseMcpConfig', () => {
  it('reads stdio, http and sse entries and expands every string field', () => {
    const { servers, warnings } = parse(
      {
        mcpServers: {
          a: { command: '${BIN}', args: ['--x', '${ARG:-def}'], env: { K: '${V}' } },
          b: { type: 'http', url: 'https://h/${P}', headers: { Authorization: 'Bearer ${TOKEN}' } },
          c: { type: 'sse', url: 'http://127.0.0.1/sse' },
          d: { type: 'streamable-http', url: 'http://127.0.0.1/mcp' },
        },
      },
      { BIN: 'node', V: 'v', P: 'mcp', TOKEN: 't' },
    );
    expect(warnings).toEqual([]);
    expect(servers.a).toMatchObject({ type: 'stdio', command: 'node', args: ['--x', 'def'], env: { K: 'v' }, source: '/p/.mcp.json' });
    expect(servers.b).toMatchObject({ type: 'http', url: 'https://h/mcp', headers: { Authorization: 'Bearer t' } });
    expect(servers.c).toMatchObject({ type: 'sse', headers: {} });
    expect(servers.d).toMatchObject({ type: 'http' });
  });

  it('skips an entry with a url but no type, naming the file and field', () => {
    const { servers, warnings } = parse({ mcpServers: { web: { url: 'https://x/mcp' }, ok: { command: 'x' } } });
    expect(Object.keys(servers)).toEqual(['ok']);
    expect(warnings).toEqual([expect.stringContaining('/p/.mcp.json: mcpServers.web.type: an entry with a url needs')]);
  });

  it('skips bad entries with the field named, keeps the good ones', () => {
    const { servers, warnings } = parse({
      mcpServers: {
        noCommand: { args: [] },
        badArgs: { command: 'x', args: 'not-a-list' },
        badType: { type: 'ws', url: 'ws://x' },
        'bad name': { command: 'x' },
        extra: { command: 'x', colour: 'red' },
        good: { command: 'x' },
      },
    });
    expect(Object.keys(servers)).toEqual(['good']);
    expect(warnings.join('\n')).toMatch(/mcpServers\.noCommand\.command: /);
    expect(warnings.join('\n')).toMatch(/mcpServers\.badArgs\.args: /);
    expect(warnings.join('\n')).toMatch(/mcpServers\.badType\.type: unsupported type "ws"/);
    expect(warnings.join('\n')).toMatch(/mcpServers\.bad name: server names may use only/);
    expect(warnings.join('\n')).toMatch(/mcpServers\.extra: .*colour/);
  });

  it('warns once per unset variable with the field it is in', () => {
    const { servers, warnings } = parse({ mcpServers: { r: { type: 'http', url: 'https://r', headers: { 'x-key': '${REF_KEY_UNSET}' } } } });
    expect(servers.r).toMatchObject({ headers: { 'x-key': '${REF_KEY_UNSET}' } });
    expect(warnings).toEqual(['/p/.mcp.json: mcpServers.r.headers.x-key: ${REF_KEY_UNSET} is not set and has no default; left as written']);
  });

  it('rejects a file that is not JSON, with the line of the error', () => {
    const text = '{\n  "mcpServers": {\n    "a": { "command": "x", }\n  }\n}\n';
    let err: unknown;
    try {
      parseMcpConfig(text, '/p/.mcp.json', { vars: {} });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(McpConfigError);
    expect((err as McpConfigError).line).toBe(3);
    expect((err as Error).message).toMatch(/^\/p\/\.mcp\.json:3: not valid JSON: .*line 3/);
  });

  it('rejects a file whose mcpServers is not an object', () => {
    expect(() => parse({ mcpServers: [] })).toThrow(/\/p\/\.mcp\.json: expected an object with an `mcpServers` object/);
    expect(() => parseMcpConfig('[]', '/p/x.json', { vars: {} })).toThrow(McpConfigError);
  });
});

describe('loadMcpConfig', () => {
  it('merges --mcp-config, <cwd>/.mcp.json and the package file by name, the nearer whole entry winning', async () => {
    const cwd = tempDir();
    const home = tempDir();
    writeFileSync(path.join(home, '.mcp.json'), JSON.stringify({ mcpServers: { shared: { command: 'far', args: ['${DOCKER_EXPERT_HOME}/x'] }, farOnly: { command: 'f' } } }));
    writeFileSync(path.join(cwd, '.mcp.json'), JSON.stringify({ mcpServers: { shared: { type: 'http', url: 'http://127.0.0.1/near' }, nearOnly: { command: 'n' }, flag: { command: 'project' } } }));
    mkdirSync(path.join(cwd, 'cfg'));
    writeFileSync(path.join(cwd, 'cfg/extra.json'), JSON.stringify({ mcpServers: { flag: { command: 'flag', env: { A: '1' } } } }));
    const { servers, warnings } = await loadMcpConfig({ cwd, env: {}, packageHome: home, configFile: 'cfg/extra.json' });
    expect(warnings).toEqual([]);
    expect(Object.keys(servers)).toEqual(['farOnly', 'flag', 'nearOnly', 'shared']);
    expect(servers.shared).toEqual({ name: 'shared', type: 'http', url: 'http://127.0.0.1/near', headers: {}, source: path.join(cwd, '.mcp.json') });
    expect(servers.flag).toMatchObject({ command: 'flag', env: { A: '1' }, source: path.join(cwd, 'cfg/extra.json') });
    expect(servers.farOnly).toMatchObject({ command: 'f' });
  });

  it('strict: only the --mcp-config file counts', async () => {
    const cwd = tempDir();
    writeFileSync(path.join(cwd, '.mcp.json'), JSON.stringify({ mcpServers: { near: { command: 'n' } } }));
    writeFileSync(path.join(cwd, 'only.json'), JSON.stringify({ mcpServers: { only: { command: 'o' } } }));
    expect(Object.keys((await loadMcpConfig({ cwd, env: {}, strict: true, configFile: 'only.json' })).servers)).toEqual(['only']);
    expect((await loadMcpConfig({ cwd, env: {}, strict: true })).servers).toEqual({});
  });

  it('expands ${DOCKER_EXPERT_HOME} to the package root', async () => {
    const cwd = tempDir();
    writeFileSync(path.join(cwd, '.mcp.json'), JSON.stringify({ mcpServers: { s: { command: 'node', args: ['${DOCKER_EXPERT_HOME}/bin/x.js'] } } }));
    const { servers } = await loadMcpConfig({ cwd, env: { DOCKER_EXPERT_HOME: '/elsewhere' }, packageHome: '/pkg' });
    expect(servers.s).toMatchObject({ args: ['/pkg/bin/x.js'] });
  });

  it('fails on a missing --mcp-config file and tolerates a missing <cwd>/.mcp.json', async () => {
    const cwd = tempDir();
    await expect(loadMcpConfig({ cwd, env: {}, packageHome: null })).resolves.toEqual({ servers: {}, warnings: [] });
    await expect(loadMcpConfig({ cwd, env: {}, packageHome: null, configFile: 'nope.json' })).rejects.toThrow(`${path.join(cwd, 'nope.json')}: no such file`);
  });

  it('reads a file once when cwd is the package root', async () => {
    const { servers, warnings } = await loadMcpConfig({ cwd: ROOT, env: { REF_API_KEY: 'k' } });
    expect(warnings).toEqual([]);
    expect(Object.values(servers).every((s) => s.source === path.join(ROOT, '.mcp.json'))).toBe(true);
  });

  it("the package's own .mcp.json declares exactly Ref, sequential_thinking, serena and docker_expert, none through npx", async () => {
    const { servers, warnings } = await loadMcpConfig({ cwd: tempDir(), env: {} });
    expect(Object.keys(servers)).toEqual(['Ref', 'docker_expert', 'sequential_thinking', 'serena']);
    expect(warnings).toEqual([expect.stringMatching(/mcpServers\.Ref\.headers\.x-ref-api-key: \$\{REF_API_KEY\} is not set/)]);
    expect(servers.Ref).toMatchObject({ type: 'http', url: 'https://api.ref.tools/mcp' });
    expect(servers.sequential_thinking).toMatchObject({ command: 'node', args: [path.join(ROOT, 'agent/mcp/launchers/sequential-thinking.mjs')] });
    expect(servers.docker_expert).toMatchObject({ command: 'node', args: [path.join(ROOT, 'bin/docker-expert.js'), 'mcp'] });
    expect(servers.serena).toMatchObject({ command: 'uvx', args: expect.arrayContaining(['--context', 'claude-code', '--project', '.']) });
    for (const s of Object.values(servers)) if (s.type === 'stdio') expect(s.command).not.toBe('npx');
  });
});
