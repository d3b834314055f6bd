import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claudeHooks, mergeClaudeHooks, SettingsFileError } from '../../cli/claude-hook/settings.js';

const BIN = path.resolve('bin/docker-expert.js');
let root: string;
beforeAll(() => {
  root = realpathSync(mkdtempSync(path.join(tmpdir(), 'de-cchook-init-')));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const run = (args: string[], env: NodeJS.ProcessEnv = {}, cwd = root) =>
  spawnSync(process.execPath, [BIN, ...args], { cwd, env: { PATH: process.env.PATH, HOME: path.join(root, 'home'), ...env }, encoding: 'utf8' });

describe('docker-expert init claude', () => {
  it('writes both hooks into <cwd>/.claude/settings.json, keeps what was there, and a second run changes nothing', () => {
    const proj = path.join(root, 'p1');
    mkdirSync(path.join(proj, '.claude'), { recursive: true });
    const before = { permissions: { allow: ['Bash(npm test)'] }, hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'my-guard' }] }], Stop: [] }, model: 'opus' };
    writeFileSync(path.join(proj, '.claude/settings.json'), JSON.stringify(before));
    const first = run(['init', 'claude', '--cwd', proj]);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/wrote the PreToolUse and PostToolUse hooks into .*p1\/\.claude\/settings\.json/);
    const text = readFileSync(path.join(proj, '.claude/settings.json'), 'utf8');
    const after = JSON.parse(text);
    expect(after.permissions).toEqual(before.permissions);
    expect(after.model).toBe('opus');
    expect(after.hooks.Stop).toEqual([]);
    expect(after.hooks.PreToolUse[0]).toEqual(before.hooks.PreToolUse[0]);
    expect(after.hooks.PreToolUse[1].hooks[0]).toMatchObject({ type: 'command', command: expect.stringMatching(/bin\/docker-expert\.js hook pre-tool-use$/), onFailure: 'block' });
    expect(after.hooks.PostToolUse[0]).toMatchObject({ matcher: 'Write|Edit|MultiEdit', hooks: [{ command: expect.stringMatching(/hook post-tool-use$/) }] });
    const second = run(['init', 'claude', '--project', '--cwd', proj]);
    expect(second.stdout).toMatch(/already has these hooks; nothing changed/);
    expect(readFileSync(path.join(proj, '.claude/settings.json'), 'utf8')).toBe(text);
    // Options change our entry in place instead of adding a second one.
    run(['init', 'claude', '--cwd', proj, '--allow-safe', '--main-thread', 'off']);
    const third = JSON.parse(readFileSync(path.join(proj, '.claude/settings.json'), 'utf8'));
    expect(third.hooks.PreToolUse).toHaveLength(2);
    expect(third.hooks.PreToolUse[1].hooks[0].command).toMatch(/hook pre-tool-use --allow-safe --main-thread off$/);
  });

  it('the hook command it writes runs the hook (absolute node and bin)', () => {
    const proj = path.join(root, 'p2');
    mkdirSync(proj, { recursive: true });
    run(['init', 'claude', '--cwd', proj]);
    const cmd = JSON.parse(readFileSync(path.join(proj, '.claude/settings.json'), 'utf8')).hooks.PreToolUse[0].hooks[0].command as string;
    const input = JSON.stringify({ cwd: proj, hook_event_name: 'PreToolUse', agent_type: 'docker-expert', tool_name: 'Bash', tool_input: { command: 'docker run --privileged alpine' } });
    const out = execFileSync('/bin/sh', ['-c', cmd], { input, env: { PATH: '/nonexistent' }, encoding: 'utf8' });
    expect(JSON.parse(out).hookSpecificOutput.permissionDecision).toBe('deny');
  });

  it('--user writes $CLAUDE_CONFIG_DIR/settings.json', () => {
    const config = path.join(root, 'cfg');
    const r = run(['init', 'claude', '--user'], { CLAUDE_CONFIG_DIR: config });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(readFileSync(path.join(config, 'settings.json'), 'utf8')).hooks.PreToolUse).toHaveLength(1);
  });

  it('a malformed settings file is left untouched, with an error naming file:line (exit 2)', () => {
    const proj = path.join(root, 'p3');
    mkdirSync(path.join(proj, '.claude'), { recursive: true });
    const bad = '{\n  "permissions": {\n    "allow": ["x",]\n  }\n}\n';
    const file = path.join(proj, '.claude/settings.json');
    writeFileSync(file, bad);
    const r = run(['init', 'claude', '--cwd', proj]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${file}:3: invalid JSON`);
    expect(readFileSync(file, 'utf8')).toBe(bad);
    for (const [text, why] of [['[]', /settings\.json: the top level is not a JSON object; the file was left as it is/], ['{"hooks": []}', /hooks must be an object/], ['{"hooks": {"PreToolUse": {}}}', /hooks\.PreToolUse must be an array/]] as const) {
      writeFileSync(file, text);
      expect(() => mergeClaudeHooks(file, claudeHooks('docker-expert'))).toThrow(SettingsFileError);
      expect(() => mergeClaudeHooks(file, claudeHooks('docker-expert'))).toThrow(why);
      expect(readFileSync(file, 'utf8')).toBe(text);
    }
  });

  it('bad usage is exit 2', () => {
    expect(run(['init']).status).toBe(2);
    expect(run(['init', 'vscode']).status).toBe(2);
    expect(run(['init', 'claude', '--user', '--project']).status).toBe(2);
    expect(run(['init', 'claude', '--main-thread', 'all']).status).toBe(2);
  });
});

describe('the Claude Code plugin in claude-plugin/', () => {
  it('hooks/hooks.json is what init writes, for the plugin\'s runner', () => {
    const hooks = JSON.parse(readFileSync('claude-plugin/hooks/hooks.json', 'utf8')).hooks;
    expect(hooks).toEqual(claudeHooks('"${CLAUDE_PLUGIN_ROOT}/bin/run-docker-expert"'));
  });

  it('ships the package\'s own docker-expert agent, unchanged', () => {
    expect(readFileSync('claude-plugin/agents/docker-expert.md', 'utf8')).toBe(readFileSync('.claude/agents/docker-expert.md', 'utf8'));
  });

  it('the manifest\'s version is the package\'s, and the marketplace lists the plugin folder', () => {
    const manifest = JSON.parse(readFileSync('claude-plugin/.claude-plugin/plugin.json', 'utf8'));
    expect(manifest).toMatchObject({ name: 'docker-expert', version: JSON.parse(readFileSync('package.json', 'utf8')).version });
    const market = JSON.parse(readFileSync('.claude-plugin/marketplace.json', 'utf8'));
    expect(market.plugins).toEqual([expect.objectContaining({ name: 'docker-expert', source: './claude-plugin' })]);
  });

  it('the runner blocks (exit 2) when docker-expert cannot be found, and runs DOCKER_EXPERT_BIN otherwise', () => {
    const runner = path.resolve('claude-plugin/bin/run-docker-expert');
    const missing = spawnSync(runner, ['hook', 'pre-tool-use'], { env: { PATH: '/nonexistent' }, input: '{}', encoding: 'utf8' });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/not installed .* blocked/);
    const input = JSON.stringify({ cwd: root, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'docker run --privileged alpine' } });
    const ok = spawnSync(runner, ['hook', 'pre-tool-use'], { env: { PATH: '/nonexistent', DOCKER_EXPERT_BIN: `${process.execPath} ${BIN}` }, input, encoding: 'utf8' });
    expect(ok.status, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout).hookSpecificOutput.permissionDecision).toBe('deny');
  });
});

describe('docker-expert hook as a command: exit 2 with the reason for anything it cannot answer', () => {
  const hook = (args: string[], input: string) => spawnSync(process.execPath, [BIN, 'hook', ...args], { cwd: root, input, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: root } });
  // A path that exists when the describe body runs (the temp root is made later, in beforeAll).
  const call = JSON.stringify({ cwd: path.resolve('.'), hook_event_name: 'PreToolUse', agent_type: 'docker-expert', tool_name: 'Bash', tool_input: { command: 'docker ps' } });

  it('a deferred call prints nothing and exits 0; a denial prints the JSON', () => {
    const r = hook(['pre-tool-use'], call);
    expect([r.status, r.stdout, r.stderr]).toEqual([0, '', '']);
    const d = hook(['pre-tool-use'], call.replace('docker ps', 'docker run --privileged alpine'));
    expect(JSON.parse(d.stdout).hookSpecificOutput.permissionDecision).toBe('deny');
  });

  it.each([
    [['pre-tool-use'], 'not json', /blocked because the check could not finish: the hook input on stdin is not JSON/],
    [['pre-tool-use', '--bogus'], call, /Unknown option '--bogus'/],
    [[], call, /give one event/],
    [['pre-tool-use', '--main-thread', 'all'], call, /--main-thread must be containers or off/],
    [['pre-tool-use', '--max-input-bytes', '0'], call, /--max-input-bytes takes a positive whole number/],
    [['pre-tool-use', '--max-input-bytes', '20'], call, /larger than 20 bytes \(--max-input-bytes\)/],
    [['post-tool-use'], call, /could not be checked: the hook input on stdin is not a PostToolUse input: hook_event_name/],
  ])('%j -> exit 2', (args, input, why) => {
    const r = hook(args, input);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(why);
  });

  it('--max-input-bytes: an input of exactly the limit is read', () => {
    const r = hook(['pre-tool-use', '--max-input-bytes', String(Buffer.byteLength(call))], call);
    expect(r.status, r.stderr).toBe(0);
  });
});
