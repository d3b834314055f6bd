/** End to end: the real CLI bundle, spawned with execa, against the scripted Messages API over the real SDK. */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { parseDefinition } from '../../agent/definition/parse.js';
import { ruleMatches } from '../../agent/toolset.js';
import { endTurn, httpError, startScriptedServer, toolTurn, toolUse, type ScriptedServer } from '../support/scripted-server.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin/docker-expert.js');
const SEED = path.join(ROOT, '.claude/agents/docker-expert.md');

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** The docker-expert ends through its workflow: the five steps, then an accepted Handoff (one turn, run in order). */
function finishTurn(summary: string) {
  const steps = ['analyze', 'design', 'secure', 'optimize', 'deploy'].map((step) =>
    toolUse('WorkflowStep', step === 'deploy' ? { step, status: 'skipped', summary: 'no deployment target in this task' } : { step, status: 'done', summary: `${step} done` }),
  );
  return toolTurn([...steps, toolUse('Handoff', { to: 'terminal', summary })]);
}

function project(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'de-cli-'));
  writeFileSync(path.join(dir, 'Dockerfile'), 'FROM node:20\nCOPY . /app\nRUN npm ci\nCMD ["node", "/app/index.js"]\n');
  writeFileSync(path.join(dir, 'compose.yaml'), 'services:\n  web:\n    build: .\n    ports: ["8080:8080"]\n');
  mkdirSync(path.join(dir, 'src'));
  writeFileSync(path.join(dir, 'src/index.js'), 'console.log("hi")\n');
  return dir;
}

function cli(args: string[], env: Record<string, string | undefined>, cwd: string) {
  return execa(process.execPath, [BIN, ...args], {
    cwd,
    env: { ANTHROPIC_API_KEY: undefined, ANTHROPIC_AUTH_TOKEN: undefined, ANTHROPIC_BASE_URL: undefined, ...env },
    extendEnv: true,
    reject: false,
    stdin: 'ignore',
    timeout: 20_000,
  });
}

/** The CLI's own entry in this process, with in-memory streams (for cases that need no process of their own). */
async function cliInProcess(args: string[], env: Record<string, string>, cwd: string) {
  const { main } = await import('../../cli/main.js');
  let stdout = '';
  let stderr = '';
  const sink = (write: (s: string) => void) => new Writable({ write: (chunk, _enc, done) => (write(String(chunk)), done()) });
  const stdin = Object.assign(Readable.from([]), { isTTY: true });
  const exitCode = await main(args, { stdout: sink((s) => (stdout += s)), stderr: sink((s) => (stderr += s)), stdin, env, cwd });
  return { exitCode, stdout, stderr };
}

describe('docker-expert run (CLI)', () => {
  it('runs a multi-turn session with parallel Reads, a 529 and a mid-stream error, and prints the result object', async () => {
    const dir = project();
    const dockerfile = path.join(dir, 'Dockerfile');
    const compose = path.join(dir, 'compose.yaml');
    server = await startScriptedServer([
      httpError(529),
      toolTurn([toolUse('Read', { file_path: dockerfile }), toolUse('Read', { file_path: compose })], 'Reading both files.'),
      { ...toolTurn([toolUse('Grep', { pattern: 'console', path: dir, output_mode: 'files_with_matches' })]), fault: { type: 'error_event', afterEvents: 4 } },
      toolTurn([toolUse('Grep', { pattern: 'console', path: dir, output_mode: 'files_with_matches' })]),
      finishTurn('The Dockerfile runs as root and uses an unpinned node:20 tag.'),
    ]);
    const res = await cli(['run', '--output-format', 'json', 'Review the container setup'], { ANTHROPIC_API_KEY: 'sk-test', ANTHROPIC_BASE_URL: server.url }, dir);
    expect(res.exitCode).toBe(0);
    const result = JSON.parse(res.stdout);
    expect(result).toMatchObject({
      type: 'result',
      subtype: 'success',
      is_error: false,
      result: 'The Dockerfile runs as root and uses an unpinned node:20 tag.',
      num_turns: 3,
      model: 'claude-sonnet-5-5',
      permission_denials: [],
    });
    expect(Object.keys(result).sort()).toEqual(
      ['type', 'subtype', 'is_error', 'result', 'session_id', 'num_turns', 'duration_ms', 'model', 'usage', 'total_cost_usd', 'permission_denials', 'workflow', 'handoff', 'stop_reason'].sort(),
    );
    expect(result.workflow.map((w: any) => w.step)).toEqual(['analyze', 'design', 'secure', 'optimize', 'deploy']);
    expect(result.handoff).toMatchObject({ to: 'terminal', summary: 'The Dockerfile runs as root and uses an unpinned node:20 tag.' });
    expect(Object.keys(result.usage).sort()).toEqual(['cache_creation_input_tokens', 'cache_read_input_tokens', 'input_tokens', 'output_tokens']);
    expect(result.total_cost_usd).toBeGreaterThan(0);

    const reqs = server.messageRequests;
    // 529, turn 1, broken turn 2, turn 2 again, turn 3.
    expect(reqs).toHaveLength(5);
    expect(new Set(reqs.map((r) => r.body.model))).toEqual(new Set(['claude-sonnet-5-5']));
    const body = parseDefinition(SEED, readFileSync(SEED)).body.trim();
    expect(reqs[1].body.system[0].text.startsWith(body)).toBe(true);
    // Exactly the allowed tools: every tool offered is listed by the definition; nothing else.
    const listed = parseDefinition(SEED, readFileSync(SEED)).tools ?? [];
    const offered: string[] = reqs[1].body.tools.map((t: any) => t.name);
    expect(offered).toEqual(expect.arrayContaining(['Read', 'Write', 'Edit', 'MultiEdit', 'Grep', 'Glob', 'Bash']));
    expect(offered).toEqual(expect.arrayContaining(['WorkflowStep', 'Handoff']));
    for (const name of offered) expect(listed.some((r) => ruleMatches(r.tool, name)) || ['WorkflowStep', 'Handoff'].includes(name)).toBe(true);
    expect(new Set(offered).size).toBe(offered.length);
    // Both Reads answered in one user message, in order, with the files' contents.
    const results = reqs[3].body.messages[2].content;
    expect(results.map((b: any) => b.type)).toEqual(['tool_result', 'tool_result']);
    expect(results[0].content).toContain('FROM node:20');
    expect(results[1].content).toContain('services:');
    // Unchanged prefixes turn to turn, and the cache breakpoints.
    const ok = [reqs[1], reqs[3], reqs[4]];
    for (const r of ok) {
      expect(JSON.stringify(r.body.tools)).toBe(JSON.stringify(ok[0].body.tools));
      expect(JSON.stringify(r.body.system)).toBe(JSON.stringify(ok[0].body.system));
      expect(r.body.tools.at(-1).cache_control).toEqual({ type: 'ephemeral' });
      expect(r.body.system.at(-1).cache_control).toEqual({ type: 'ephemeral' });
      expect(r.body.messages.at(-1).content.at(-1).cache_control).toEqual({ type: 'ephemeral' });
      expect(JSON.stringify(r.body).split('"cache_control"').length - 1).toBeLessThanOrEqual(4);
    }
    const strip = (v: unknown) => JSON.stringify(v, (k, val) => (k === 'cache_control' ? undefined : val));
    expect(strip(reqs[4].body.messages.slice(0, 3))).toBe(strip(reqs[3].body.messages));
    expect(result.usage.cache_read_input_tokens).toBeGreaterThan(0);
  });

  it('streams one JSON event per line with stream-json: system/init first, result last', async () => {
    const dir = project();
    server = await startScriptedServer([toolTurn([toolUse('Glob', { pattern: '**/*.js', path: dir })]), finishTurn('Found one JS file.')]);
    const res = await cli(['run', '--strict-mcp-config', '--output-format', 'stream-json', '--cwd', dir, 'List the JS files'], { ANTHROPIC_API_KEY: 'sk-test', ANTHROPIC_BASE_URL: server.url }, os.tmpdir());
    expect(res.exitCode).toBe(0);
    const lines = res.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ type: 'system', subtype: 'init', model: 'claude-sonnet-5-5', cwd: dir });
    expect(lines[0].tools).toContain('Glob');
    expect(lines.at(-1)).toMatchObject({ type: 'result', subtype: 'success', result: 'Found one JS file.' });
    const types = lines.map((l) => (l.type === 'system' ? `system/${l.subtype}` : l.type));
    expect(types).toEqual(expect.arrayContaining(['assistant', 'user', 'system/tool_start', 'system/tool_end', 'system/usage', 'system/workflow', 'system/permission']));
    expect(lines.filter((l) => l.subtype === 'workflow')).toHaveLength(5);
    const user = lines.find((l) => l.type === 'user');
    expect(user.message.content[0].content).toContain('src/index.js');
    expect(user.session_id).toBe(lines[0].session_id);
  });

  it('text output: the report on stdout, progress on stderr; a failed run exits 1', async () => {
    const dir = project();
    server = await startScriptedServer([toolTurn([toolUse('Read', { file_path: path.join(dir, 'Dockerfile') })]), finishTurn('Report: fine.')]);
    const ok = await cli(['run', '--strict-mcp-config', 'Check it'], { ANTHROPIC_API_KEY: 'sk-test', ANTHROPIC_BASE_URL: server.url }, dir);
    expect(ok.exitCode).toBe(0);
    expect(ok.stdout).toBe('Report: fine.');
    expect(ok.stderr).toContain('-> Read');
    expect(ok.stderr).toMatch(/2 turn\(s\)/);
    await server.close();

    server = await startScriptedServer([finishTurn('x')], { apiKey: 'another-key' });
    const bad = await cli(['run', '--strict-mcp-config', 'Check it'], { ANTHROPIC_API_KEY: 'sk-test', ANTHROPIC_BASE_URL: server.url }, dir);
    expect(bad.exitCode).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('error_during_execution');
    expect(bad.stderr).toContain('invalid x-api-key');
  });

  it('goes through the permission gate: a Write in the analyze step is refused and recorded; a --deny tool is hidden', async () => {
    const dir = project();
    const target = path.join(dir, 'new.txt');
    server = await startScriptedServer([
      toolTurn([toolUse('Write', { file_path: target, content: 'x' }), toolUse('Glob', { pattern: '*', path: dir })]),
      finishTurn('Could not write.'),
    ]);
    const res = await cli(['run', '--strict-mcp-config', '--output-format', 'json', '--deny', 'Glob', 'Write a file'], { ANTHROPIC_API_KEY: 'sk-test', ANTHROPIC_BASE_URL: server.url }, dir);
    expect(res.exitCode).toBe(0);
    const result = JSON.parse(res.stdout);
    expect(result.permission_denials.map((d: any) => d.tool_name)).toEqual(['Write']);
    expect(result.permission_denials[0]).toMatchObject({ tool_name: 'Write', tool_input: { file_path: target, content: 'x' } });
    // During the read-only analyze step a Write is refused, whatever the definition grants.
    expect(result.permission_denials[0].reason).toContain('analyze');
    expect(existsSync(target)).toBe(false);
    const offered = server.messageRequests[0].body.tools.map((t: any) => t.name);
    expect(offered).toContain('Write');
    // A bare --deny removes the tool from what the model sees; a call to it anyway is an unknown tool.
    expect(offered).not.toContain('Glob');
    const [denied, hidden] = server.messageRequests[1].body.messages[2].content;
    expect(denied).toMatchObject({ is_error: true });
    expect(hidden).toMatchObject({ is_error: true, content: expect.stringMatching(/Glob/) });
  });

  it('Ctrl-C (SIGINT) aborts the run and still prints the result object', async () => {
    const dir = project();
    let arrived: () => void = () => {};
    const requested = new Promise<void>((r) => (arrived = r));
    server = await startScriptedServer([
      () => {
        arrived();
        return { ...endTurn('too late'), latencyMs: 10_000 };
      },
    ]);
    const child = cli(['run', '--strict-mcp-config', '--output-format', 'json', 'x'], { ANTHROPIC_API_KEY: 'sk-test', ANTHROPIC_BASE_URL: server.url }, dir);
    await requested;
    child.kill('SIGINT');
    const res = await child;
    expect(res.exitCode).toBe(1);
    const result = JSON.parse(res.stdout);
    expect(result).toMatchObject({ subtype: 'error_during_execution', is_error: true, num_turns: 0 });
    expect(result.result).toContain('interrupted (SIGINT)');
  });

  it('without an API key runs the offline expert (a notice on stderr says so) and never calls the network', async () => {
    const dir = project();
    const res = await cli(['run', '--strict-mcp-config', '--output-format', 'json', 'Review the Dockerfile'], {}, dir);
    expect(res.stderr).toContain('offline expert');
    const result = JSON.parse(res.stdout);
    expect(result.model).toBe('offline');
    expect(result.num_turns).toBeGreaterThan(1);
    expect(result.total_cost_usd).toBe(0);
  });

  it('connection refused ends the run with a clear message', async () => {
    const dir = project();
    const res = await cliInProcess(['run', '--strict-mcp-config', '--output-format', 'json', 'x'], { ANTHROPIC_API_KEY: 'sk-test', ANTHROPIC_BASE_URL: 'http://127.0.0.1:9' }, dir);
    expect(res.exitCode).toBe(1);
    const result = JSON.parse(res.stdout);
    expect(result.subtype).toBe('error_during_execution');
    expect(result.result).toContain('cannot reach the Messages API at http://127.0.0.1:9');
  });

  it('bad usage exits 2 naming the option; an unknown agent exits 2 naming the place', async () => {
    const dir = project();
    const spawned = await cli(['run', '--max-turns', '0', 'x'], { ANTHROPIC_API_KEY: 'k' }, dir);
    expect(spawned.exitCode).toBe(2);
    expect(spawned.stderr).toContain('--max-turns must be a whole number >= 1');
    const cases: [string[], string][] = [
      [['run', '--output-format', 'yaml', 'x'], '--output-format must be one of text, json, stream-json'],
      [['run', '--bogus', 'x'], "Unknown option '--bogus'"],
      [['run', '--agent', 'nobody', 'x'], "no agent named 'nobody'"],
      [['run', '--cwd', path.join(dir, 'missing'), 'x'], 'missing: no such directory'],
      [['run', '--mcp-config', 'nope.json', 'x'], 'nope.json: no such file'],
      [['run'], 'a task is required'],
      [['run', '--resume', 'abc', 'x'], 'abc/journal.jsonl: no such session journal'],
    ];
    for (const [args, message] of cases) {
      const res = await cliInProcess(args, { ANTHROPIC_API_KEY: 'k' }, dir);
      expect(res.exitCode, args.join(' ')).toBe(2);
      expect(res.stderr).toContain(message);
    }
  });
});
