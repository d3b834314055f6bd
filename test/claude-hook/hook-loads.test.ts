/**
 * What one `docker-expert hook pre-tool-use` process loads (it starts on every Claude Code tool call: issue 22 wants an
 * answer within 150 ms). The hook is run as Claude Code runs it, with loader hooks recording every file and Node
 * built-in it loads; bundle chunks are mapped back to their sources through their source maps. Each "never" has a
 * control showing the same record sees it when it is used.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin/docker-expert.js');
const RECORD_LOADS = pathToFileURL(path.join(ROOT, 'test/support/record-loads.mjs')).href;
const RECORD_BUILTINS = pathToFileURL(path.join(ROOT, 'test/support/record-builtins.mjs')).href;

const work = mkdtempSync(path.join(os.tmpdir(), 'de-hook-loads-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const project = path.join(work, 'project');
mkdirSync(path.join(project, '.claude', 'agents'), { recursive: true });
cpSync(path.join(ROOT, '.claude/agents/docker-expert.md'), path.join(project, '.claude/agents/docker-expert.md'));
// A project set up as `init claude` leaves it: a settings file the gate reads (hooks and a permission rule).
writeFileSync(path.join(project, '.claude/settings.json'), JSON.stringify({ permissions: { allow: ['Bash(ls:*)'] }, hooks: { PreToolUse: [] } }));
writeFileSync(path.join(project, 'Dockerfile'), 'FROM node:latest\nADD . /app\n');
const cacheDir = path.join(work, 'cache');

const call = (command: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ session_id: 's', cwd: project, permission_mode: 'default', hook_event_name: 'PreToolUse', agent_type: 'docker-expert', tool_name: 'Bash', tool_input: { command }, tool_use_id: 't', ...extra });

let runs = 0;
function runHook(event: string, input: string, env: Record<string, string>, imports: string[]): string {
  const r = spawnSync(process.execPath, [...imports.flatMap((i) => ['--import', i]), BIN, 'hook', event], {
    cwd: project,
    input,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: path.join(work, 'home'), DOCKER_EXPERT_CACHE_DIR: cacheDir, ...env },
  });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

/**
 * Runs the hook twice: the sources (repository paths, node_modules/<package>/...) it loaded, from a run with the loader
 * hook, and the `node:` built-ins, from a run without it (the loader hook's own thread loads node:net).
 */
function loadsOf(event: string, input: string, env: Record<string, string> = {}): { sources: string[]; stdout: string } {
  const loads = path.join(work, `loads-${++runs}.txt`);
  const builtins = path.join(work, `builtins-${runs}.txt`);
  writeFileSync(loads, '');
  runHook(event, input, { ...env, RECORD_LOADS_FILE: loads }, [RECORD_LOADS]);
  const stdout = runHook(event, input, { ...env, RECORD_BUILTINS_FILE: builtins }, [RECORD_BUILTINS]);
  const sources = new Set<string>();
  for (const url of readFileSync(loads, 'utf8').trim().split('\n')) {
    const loaded = fileURLToPath(url);
    if (loaded.startsWith(path.join(ROOT, 'dist')) && existsSync(`${loaded}.map`)) {
      for (const s of JSON.parse(readFileSync(`${loaded}.map`, 'utf8')).sources as string[]) sources.add(path.relative(ROOT, path.resolve(path.dirname(loaded), s)));
    } else sources.add(path.relative(ROOT, loaded));
  }
  for (const m of readFileSync(builtins, 'utf8').split('\n')) {
    if (m.startsWith('NativeModule ')) sources.add(`node:${m.slice('NativeModule '.length)}`);
    if (m.startsWith('CJS ')) sources.add(path.relative(ROOT, m.slice('CJS '.length)));
  }
  return { sources: [...sources], stdout };
}

const NEVER = [
  { what: 'zod', pattern: /node_modules\/zod\// },
  { what: 'yaml', pattern: /node_modules\/yaml\// },
  { what: 'the definition parser', pattern: /^agent\/definition\/parse\.ts$/ },
  { what: 'node:crypto', pattern: /^node:crypto$/ },
  // Node's stdio streams over Claude Code's pipes (cli/hook-main.ts writes and reads the descriptors).
  { what: 'node:net', pattern: /^node:net$/ },
  { what: 'the analyzers', pattern: /^tools\/analyzers\// },
];
const GRAMMAR = { what: 'the tree-sitter grammar', pattern: /node_modules\/(web-tree-sitter|tree-sitter-bash)\// };
const found = (sources: string[], pattern: RegExp) => sources.filter((s) => pattern.test(s));

describe('the pre-tool-use hook loads only what its verdict needs', () => {
  it('an agent\'s Bash call (the definition cached by an earlier call): no zod, yaml, parser, crypto, net, analyzers or grammar', () => {
    loadsOf('pre-tool-use', call('docker ps')); // fills the definition's parse cache, as the session's first call does
    for (const command of ['docker ps', 'docker run --privileged -v /:/host alpine']) {
      const { sources, stdout } = loadsOf('pre-tool-use', call(command));
      // The record reads the right thing: the gate and the firewall judged the call.
      expect(sources).toContain('permissions/index.ts');
      expect(sources).toContain('permissions/bash-firewall.ts');
      if (command.includes('privileged')) expect(JSON.parse(stdout).hookSpecificOutput.permissionDecision).toBe('deny');
      for (const { what, pattern } of [...NEVER, GRAMMAR]) expect(found(sources, pattern), `${command}: ${what}`).toEqual([]);
    }
  }, 60_000);

  it('a main-thread call outside the container programs loads no definition, gate or firewall', () => {
    const { sources } = loadsOf('pre-tool-use', call('git status', { agent_type: undefined }));
    expect(sources).toContain('cli/claude-hook/pre-tool-use.ts');
    expect(found(sources, /^agent\/definition\/|^permissions\/(index|bash-firewall)\.ts$/)).toEqual([]);
    for (const { what, pattern } of [...NEVER, GRAMMAR]) expect(found(sources, pattern), what).toEqual([]);
  }, 30_000);

  it('the controls: with the definition cache off the parser, zod and yaml load; a command the simple planner leaves to the parser loads the grammar; post-tool-use loads the analyzers; the record sees net and crypto', () => {
    const uncached = loadsOf('pre-tool-use', call('docker ps'), { DOCKER_EXPERT_DEFINITION_CACHE: 'off' }).sources;
    for (const what of ['zod', 'yaml', 'the definition parser']) expect(found(uncached, NEVER.find((n) => n.what === what)!.pattern).length, what).toBeGreaterThan(0);
    expect(found(loadsOf('pre-tool-use', call('docker ps $(id -u)')).sources, GRAMMAR.pattern).length).toBeGreaterThan(0);
    const post = loadsOf('post-tool-use', JSON.stringify({ cwd: project, hook_event_name: 'PostToolUse', tool_name: 'Write', tool_input: { file_path: path.join(project, 'Dockerfile') }, tool_response: {} }));
    expect(found(post.sources, /^tools\/analyzers\//).length).toBeGreaterThan(0);
    // The built-ins record sees node:net and node:crypto in a process that reads its stdin pipe as a stream and hashes.
    const builtins = path.join(work, 'builtins-control.txt');
    spawnSync(process.execPath, ['--import', RECORD_BUILTINS, '-e', "process.stdin.resume(); process.stdin.on('end', () => require('node:crypto').createHash('sha256'))"], { input: 'x', env: { RECORD_BUILTINS_FILE: builtins } });
    expect(readFileSync(builtins, 'utf8')).toMatch(/^NativeModule net$/m);
    expect(readFileSync(builtins, 'utf8')).toMatch(/^NativeModule crypto$/m);
  }, 60_000);
});
