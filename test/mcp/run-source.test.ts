import { afterEach, describe, expect, it } from 'vitest';
import { realpathSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createMcpToolSource, type McpManager } from '../../agent/mcp/index.js';
import { FLAKY, rules, tempDir, toolContext } from './helpers.js';

let source: McpManager | undefined;
afterEach(async () => source?.close());

describe('createMcpToolSource', () => {
  it('loads <cwd>/.mcp.json, reports config warnings as notices, and starts servers in the project with a small environment', async () => {
    const cwd = realpathSync(tempDir());
    writeFileSync(
      path.join(cwd, '.mcp.json'),
      JSON.stringify({
        mcpServers: {
          flaky: { command: process.execPath, args: [FLAKY], env: { FROM_ENTRY: '${SOME_VALUE:-dflt}' } },
          web: { url: 'http://127.0.0.1:1/mcp' },
          unused: { command: process.execPath, args: [FLAKY] },
        },
      }),
    );
    source = await createMcpToolSource({
      cwd,
      env: { ANTHROPIC_API_KEY: 'sk-secret', DOCKER_EXPERT_MCP_DEPTH: '2' },
      packageHome: null,
      definition: { tools: rules('Read', 'mcp__flaky__env'), disallowedTools: [] },
    });
    const notices: string[] = [];
    source.onNotice((m) => notices.push(m));
    expect(notices).toEqual([expect.stringContaining('mcpServers.web.type: an entry with a url needs')]);
    const tools = await source.tools();
    expect(tools.map((t) => t.name)).toEqual(['mcp__flaky__env']);
    expect(source.status().map((s) => s.name)).toEqual(['flaky']);
    const seen = JSON.parse((await tools[0]!.call({}, toolContext(cwd))).content);
    expect(seen).toEqual({ depth: '3', project: cwd, cwd, apiKey: null, fromEntry: 'dflt' });
  });

  it('a missing --mcp-config file is an error naming it', async () => {
    const cwd = tempDir();
    await expect(createMcpToolSource({ cwd, env: {}, packageHome: null, configFile: 'missing.json', definition: { tools: [], disallowedTools: [] } })).rejects.toThrow(
      /missing\.json: no such file/,
    );
  });
});
