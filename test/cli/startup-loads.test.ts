/**
 * What a run loads before it needs it (issue 16): a one-turn `run` of the docker-expert against the scripted Messages
 * API, with a loader hook recording every file the process imports. The CLI is a bundle, so the sources each loaded
 * chunk holds come from its source map. A second run that makes one Bash call is the control: the same check sees
 * the firewall there, so it can fail.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { execa } from 'execa';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startScriptedServer, toolTurn, toolUse, type ScriptedServer, type ScriptEntry } from '../support/scripted-server.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin/docker-expert.js');
const RECORD_LOADS = pathToFileURL(path.join(ROOT, 'test/support/record-loads.mjs')).href;
const RECORD_BUILTINS = pathToFileURL(path.join(ROOT, 'test/support/record-builtins.mjs')).href;

let server: ScriptedServer | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await server?.close();
  server = undefined;
});
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const finish = toolTurn([
  ...['analyze', 'design', 'secure', 'optimize', 'deploy'].map((step) => toolUse('WorkflowStep', { step, status: 'skipped', summary: `nothing to do for ${step}` })),
  toolUse('Handoff', { to: 'terminal', summary: 'The Dockerfile is fine.' }),
]);

/** The sources (repository paths, node_modules/<package>/...) of everything one run loaded, and the Node built-ins. */
async function sourcesLoadedBy(script: ScriptEntry[], extraEnv: Record<string, string> = {}): Promise<string[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'de-loads-'));
  dirs.push(dir);
  writeFileSync(path.join(dir, 'Dockerfile'), 'FROM node:20-slim\nCOPY . .\nUSER node\nCMD ["node", "server.js"]\n');
  const file = path.join(dir, 'loads.txt');
  const builtins = path.join(dir, 'builtins.txt');
  writeFileSync(file, '');
  server = await startScriptedServer(script);
  const res = await execa(process.execPath, ['--import', RECORD_LOADS, '--import', RECORD_BUILTINS, BIN, 'run', '--strict-mcp-config', '--output-format', 'json', '--cwd', dir, 'Review the Dockerfile'], {
    env: { ANTHROPIC_API_KEY: 'sk-test', ANTHROPIC_BASE_URL: server.url, RECORD_LOADS_FILE: file, RECORD_BUILTINS_FILE: builtins, ...extraEnv },
    extendEnv: true,
    reject: false,
    stdin: 'ignore',
  });
  expect(res.exitCode, res.stderr).toBe(0);
  const sources = new Set<string>();
  for (const url of readFileSync(file, 'utf8').trim().split('\n')) {
    const loaded = fileURLToPath(url);
    const map = `${loaded}.map`;
    if (loaded.startsWith(path.join(ROOT, 'dist')) && existsSync(map)) {
      for (const s of JSON.parse(readFileSync(map, 'utf8')).sources as string[]) sources.add(path.relative(ROOT, path.resolve(path.dirname(loaded), s)));
    } else sources.add(path.relative(ROOT, loaded));
  }
  for (const m of readFileSync(builtins, 'utf8').split('\n')) {
    if (m.startsWith('NativeModule ')) sources.add(`node:${m.slice('NativeModule '.length)}`);
    if (m.startsWith('CJS ')) sources.add(path.relative(ROOT, m.slice('CJS '.length)));
  }
  return [...sources];
}

const firewall = /^permissions\/(container\/|bash-firewall|bash-rule|programs)|^shell\/(plan|words|simple-plan)\.ts/;
const unused = [
  { what: 'the Bash firewall and planner', pattern: firewall },
  { what: 'the tree-sitter grammar', pattern: /node_modules\/(web-tree-sitter|tree-sitter-bash)\// },
  { what: 'execa', pattern: /node_modules\/execa\// },
  { what: 'the offline expert and its diff', pattern: /^agent\/models\/offline\/(?!verify\/constants\.ts)|node_modules\/diff\// },
  { what: "zod's locales other than English", pattern: /node_modules\/zod\/.*\/locales\/(?!en\.js)/ },
  { what: 'the MCP client', pattern: /node_modules\/@modelcontextprotocol\// },
  // Node's fetch: requests go out on node:http, and the SDK is given light-http.ts's Headers (scripts/build.mjs). On
  // Node 24 an ES import of node:http alone would load it (node-http-fetch.ts says why).
  { what: 'undici', pattern: /^node:internal\/deps\/undici\// },
  // The `performance` global: its first touch loads perf_hooks.
  { what: 'perf_hooks', pattern: /^node:perf_hooks$/ },
  // Taken only for a compressed answer (node-http-fetch.ts).
  { what: 'zlib', pattern: /^node:zlib$/ },
  // The definition comes from the parse cache, and nothing structured is redacted (agent/lazy-yaml.ts).
  { what: 'yaml', pattern: /node_modules\/yaml\// },
  // Only Glob and Grep calls with a pattern use it.
  { what: 'picomatch', pattern: /node_modules\/picomatch\// },
];

describe('start-up: a run loads only what it uses', () => {
  it('a one-turn run without MCP servers loads no firewall, grammar, execa, offline expert, other zod locale, MCP client, undici, perf_hooks, zlib, yaml or picomatch', async () => {
    await sourcesLoadedBy([finish]); // fills the definition's parse cache, as any earlier run has
    const sources = await sourcesLoadedBy([finish]);
    // The run did load the bundle (the check reads the right thing).
    expect(sources).toContain('agent/loop.ts');
    expect(sources).toContain('node:http');
    for (const { what, pattern } of unused) expect(sources.filter((s) => pattern.test(s)), what).toEqual([]);
  }, 60_000);

  it('the control for undici: the same record shows it in a process that touches Headers', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'de-loads-'));
    dirs.push(dir);
    const builtins = path.join(dir, 'builtins.txt');
    await execa(process.execPath, ['--import', RECORD_BUILTINS, '-e', 'new Headers()'], { env: { RECORD_BUILTINS_FILE: builtins } });
    expect(readFileSync(builtins, 'utf8')).toMatch(/^NativeModule internal\/deps\/undici\/undici$/m);
  });

  it('the control for yaml: a run that parses its definition loads it (through require, which the record also sees)', async () => {
    const sources = await sourcesLoadedBy([finish], { DOCKER_EXPERT_DEFINITION_CACHE: 'off' });
    expect(sources).toContain('node_modules/yaml/dist/index.js');
  }, 60_000);

  it('the first Bash call loads the firewall and the planner (the control)', async () => {
    const sources = await sourcesLoadedBy([toolTurn([toolUse('Bash', { command: 'docker ps' })]), finish]);
    expect(sources.filter((s) => firewall.test(s)).length).toBeGreaterThan(3);
  }, 60_000);
});
