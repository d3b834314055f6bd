/**
 * The real Claude Code (CLAUDE_BIN, 2.1.328) running the docker-expert agent on the scripted Messages API, with
 * docker-expert's hooks in the project's .claude/settings.json (as `init claude` writes them) or from the plugin.
 * The Bash tool finds only the firewall fixture's shims on PATH: each logs its argv, so "never ran" is checked.
 * Many calls go into one model turn, so a whole corpus is one Claude Code session.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claudeHooks, mergeClaudeHooks, shellWord } from '../../cli/claude-hook/settings.js';
import { ATTACKS } from '../firewall/attack-corpus.js';
import { BENIGN } from '../firewall/benign-corpus.js';
import { makeFixture, SHIMMED_PROGRAMS } from '../firewall/fixture.js';
import type { Fixture } from '../firewall/fixture.js';
import { bashBatches, claudeBinary, runClaude } from './claude-code.js';
import type { ClaudeRun, ToolCall } from './claude-code.js';
import { HELD_OUT_ATTACKS } from './held-out-attacks.js';

const claude = claudeBinary();
const BIN = path.resolve('bin/docker-expert.js');
const HOOK_PREFIX = [process.execPath, BIN].map(shellWord).join(' ');
/**
 * The agent's `tools` line as Claude Code permission rules: what a user who trusts the agent's tools allows (and what
 * Claude Code would enforce if it read `Bash(docker:*)` in `tools`). Claude Code alone then runs
 * `docker run --privileged -v /:/host alpine`; with the hook it does not.
 */
const ALLOWED_TOOLS = ['--allowedTools', 'Bash(docker:*)', 'Bash(kubectl:*)', 'Bash(podman:*)'];
/** Calls per model turn (one Claude Code session runs a whole corpus). */
const BATCH = 60;
const SESSION_MS = 900_000;

/** A fixture project with the docker-expert agent, and the hooks (with these pre-tool-use options) unless `hooked` is false. */
function project(fx: Fixture, name: string, hooked: boolean | string[], prefix = HOOK_PREFIX): string {
  const dir = path.join(fx.root, name);
  mkdirSync(path.join(dir, '.claude', 'agents'), { recursive: true });
  cpSync(fx.proj, dir, { recursive: true, verbatimSymlinks: true });
  cpSync(path.resolve('.claude/agents/docker-expert.md'), path.join(dir, '.claude/agents/docker-expert.md'));
  if (hooked) mergeClaudeHooks(path.join(dir, '.claude/settings.json'), claudeHooks(prefix, Array.isArray(hooked) ? hooked : []));
  return dir;
}

function session(fx: Fixture, dir: string, batches: ToolCall[][], log: string, env: NodeJS.ProcessEnv = {}, more: Partial<Parameters<typeof runClaude>[0]> = {}): Promise<ClaudeRun> {
  return runClaude({
    claude: claude as string,
    project: dir,
    home: path.join(fx.root, `home-${path.basename(dir)}-${path.basename(log)}`),
    args: ALLOWED_TOOLS,
    ...more,
    pathEnv: fx.shims,
    batches,
    env: { SHIM_LOG: log, SHIM_CANARY: fx.canary, ...env },
    timeoutMs: SESSION_MS,
  });
}

/**
 * How each command ended: refused by the hook (or by Claude Code's input validation, which refuses a command with
 * control characters before any hook is asked), otherwise not run (Claude Code's own refusal), or run.
 */
function outcomes(run: ClaudeRun, batches: ToolCall[][]) {
  return batches.flat().map((c) => {
    const r = run.results.get(c.id);
    const hook = r !== undefined && /docker-expert \((docker-expert agent|container firewall)\)|docker-expert hook: |^<tool_use_error>InputValidationError:[\s\S]*control characters/.test(r.text);
    return { command: c.input.command as string, answered: r !== undefined, ran: r !== undefined && !r.isError, byHook: hook, text: r?.text ?? '' };
  });
}

/** The shims the Bash tool ran; Claude Code's own probes (`git -c core.hooksPath=/dev/null ... ls-files`, `env`, `id -u`) are not tool calls. */
function toolRuns(fx: Fixture, log: string): string[][] {
  const own = (argv: string[]) => (argv[0] === 'git' && argv[2] === 'core.hooksPath=/dev/null') || (argv.length === 1 && argv[0] === 'env') || argv.join(' ') === 'id -u';
  return fx.runs(log).filter((argv) => !own(argv));
}

/**
 * Attacks that can run without the hook and touch nothing but the shims: plain words (no redirection, expansion or
 * operator) naming a shimmed program. The no-hook baseline runs only these, so it never writes a real file.
 */
/**
 * The attacks safe to let Claude Code run without the hook: plain words (no shell syntax) naming a shimmed program. A
 * slash is allowed only for the container programs, whose shims only log their argv (`-v /:/host` is then just text);
 * any other program with a path in it stays out, in case it is not the shim that runs.
 */
function harmlessWithoutHook(commands: string[]): string[] {
  return commands.filter((c) => {
    const program = c.split(' ')[0];
    const words = CONTAINER_SHIMS.has(program) ? /^[A-Za-z0-9_.:=,@%+/ -]+$/ : /^[A-Za-z0-9_.:=,@%+ -]+$/;
    return words.test(c) && SHIMMED_PROGRAMS.includes(program) && !BUILTINS.has(program);
  });
}
const CONTAINER_SHIMS = new Set(['docker', 'podman', 'kubectl', 'nerdctl']);
const BUILTINS = new Set(['cd', 'echo', 'printf', 'kill', 'test', 'true', 'false', 'eval', 'exec', 'source', 'command', 'builtin', 'time']);

describe.skipIf(!claude)('Claude Code 2.1.328 running the docker-expert agent with docker-expert\'s hooks', () => {
  let fx: Fixture;
  beforeAll(() => {
    fx = makeFixture();
  });
  afterAll(() => fx.cleanup());

  it(`denies every attack of the project's corpus (${ATTACKS.length} commands, one session); none runs, each refusal is the hook's`, async () => {
    const batches = bashBatches(ATTACKS.map((a) => a.command), BATCH, 'attack');
    const log = path.join(fx.root, 'attacks-hooked.log');
    const run = await session(fx, project(fx, 'attacks', true), batches, log);
    expect(run.exitCode, run.stderr).toBe(0);
    const out = outcomes(run, batches);
    expect(out.filter((o) => !o.answered).map((o) => o.command)).toEqual([]);
    expect(out.filter((o) => o.ran).map((o) => o.command)).toEqual([]);
    expect(out.filter((o) => !o.byHook).map((o) => `${o.command} -> ${o.text.slice(0, 120)}`)).toEqual([]);
    expect(toolRuns(fx, log)).toEqual([]);
    console.log(`attack corpus with the hook: ${out.length - out.filter((o) => o.ran).length}/${out.length} denied in ${(run.ms / 1000).toFixed(1)} s`);
  }, SESSION_MS);

  it(`denies every attack of the held-out corpus (${HELD_OUT_ATTACKS.length} commands, checked separately)`, async () => {
    const batches = bashBatches(HELD_OUT_ATTACKS, BATCH, 'held');
    const log = path.join(fx.root, 'held-hooked.log');
    const run = await session(fx, project(fx, 'held', true), batches, log);
    const out = outcomes(run, batches);
    expect(out.filter((o) => !o.answered || o.ran || !o.byHook).map((o) => `${o.command} -> ${o.text.slice(0, 120)}`)).toEqual([]);
    expect(toolRuns(fx, log)).toEqual([]);
    console.log(`held-out corpus with the hook: ${out.filter((o) => !o.ran).length}/${out.length} denied`);
  }, SESSION_MS);

  it('without the hook Claude Code alone lets attacks run (the baseline the hook closes), and runs no more benign commands', async () => {
    const attackBatches = bashBatches(harmlessWithoutHook(ATTACKS.map((a) => a.command)), BATCH, 'bare');
    const bareAttacks = outcomes(await session(fx, project(fx, 'bare-attacks', false), attackBatches, path.join(fx.root, 'bare-attacks.log')), attackBatches);
    const ranWithout = bareAttacks.filter((o) => o.ran).length;
    console.log(`attack corpus without the hook (its ${bareAttacks.length} plain-word cases): ${bareAttacks.length - ranWithout}/${bareAttacks.length} denied by Claude Code alone (${ranWithout} ran)`);
    expect(bareAttacks.find((o) => o.command === 'docker run --privileged -v /:/host alpine')?.ran).toBe(true);
    expect(ranWithout).toBeGreaterThan(bareAttacks.length / 2);

    const benign = BENIGN.filter((b) => !b.mode).map((b) => b.command);
    const batches = bashBatches(benign, BATCH, 'benign');
    const [without, hooked, safe] = await Promise.all([
      session(fx, project(fx, 'benign-bare', false), batches, path.join(fx.root, 'benign-bare.log')),
      session(fx, project(fx, 'benign-hooked', true), batches, path.join(fx.root, 'benign-hooked.log')),
      session(fx, project(fx, 'benign-safe', ['--allow-safe']), batches, path.join(fx.root, 'benign-safe.log')),
    ]);
    const count = (r: ClaudeRun) => outcomes(r, batches).filter((o) => o.ran).length;
    console.log(`benign commands run: ${count(without)}/${benign.length} without the hook, ${count(hooked)} with it, ${count(safe)} with --allow-safe`);
    expect(count(hooked)).toBeGreaterThanOrEqual(count(without));
    expect(count(safe)).toBeGreaterThanOrEqual(count(without));
  }, SESSION_MS);

  it('PostToolUse: the findings of a Dockerfile the agent writes are in the next request', async () => {
    const dir = project(fx, 'post', true);
    const file = path.join(dir, 'web', 'Dockerfile');
    mkdirSync(path.dirname(file), { recursive: true });
    const batches: ToolCall[][] = [[{ id: 'toolu_write', name: 'Write', input: { file_path: file, content: 'FROM node:latest\nADD . /app\nCMD node /app/server.js\n' } }]];
    const run = await session(fx, dir, batches, path.join(fx.root, 'post.log'), {}, { permissionMode: 'acceptEdits' });
    expect(run.results.get('toolu_write')?.isError, run.results.get('toolu_write')?.text).toBe(false);
    expect(readFileSync(file, 'utf8')).toMatch(/^FROM node:latest/);
    const next = JSON.stringify(run.turns[1]?.body.messages ?? []);
    expect(next).toMatch(/docker-expert check found \d+ problems in web\/Dockerfile \(dockerfile\)/);
    expect(next).toMatch(/DL3007/);
  }, SESSION_MS);

  it('a hook that fails denies: an internal error (exit 2 with the reason) and a hook process that dies (onFailure: block)', async () => {
    const broken = path.join(fx.root, 'broken-agents');
    mkdirSync(broken, { recursive: true });
    writeFileSync(path.join(broken, 'docker-expert.md'), '---\nname: docker-expert\ntools: [\n---\n');
    const calls = (p: string): ToolCall[][] => [[{ id: `toolu_${p}`, name: 'Bash', input: { command: 'docker ps', description: 'x' } }]];
    const [internal, dead, healthy] = await Promise.all([
      session(fx, project(fx, 'crash-internal', ['--agents-dir', broken]), calls('internal'), path.join(fx.root, 'crash-internal.log')),
      session(fx, project(fx, 'crash-dead', true, `${shellWord(process.execPath)} ${path.join(fx.root, 'missing', 'docker-expert.js')}`), calls('dead'), path.join(fx.root, 'crash-dead.log')),
      session(fx, project(fx, 'crash-none', true), calls('none'), path.join(fx.root, 'crash-none.log')),
    ]);
    expect(internal.results.get('toolu_internal')).toEqual({ isError: true, text: expect.stringMatching(/docker-expert hook: the call is blocked because the check could not finish: .*broken-agents\/docker-expert\.md/) });
    expect(dead.results.get('toolu_dead')).toEqual({ isError: true, text: expect.stringMatching(/blocking because onFailure is "block"/) });
    expect(toolRuns(fx, path.join(fx.root, 'crash-internal.log'))).toEqual([]);
    expect(toolRuns(fx, path.join(fx.root, 'crash-dead.log'))).toEqual([]);
    // The same call with a working hook runs: the two refusals above are the failures', not the command's.
    expect(healthy.results.get('toolu_none')?.isError).toBe(false);
    expect(toolRuns(fx, path.join(fx.root, 'crash-none.log'))).toEqual([['docker', 'ps']]);
  }, SESSION_MS);

  it('the plugin installs from a local marketplace path and its hook guards the plugin\'s agent', async () => {
    const home = path.join(fx.root, 'home-plugin');
    const env = { PATH: process.env.PATH, HOME: home, CLAUDE_CONFIG_DIR: path.join(home, '.claude'), DISABLE_TELEMETRY: '1', CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1', DISABLE_AUTOUPDATER: '1' };
    mkdirSync(home, { recursive: true });
    const cli = (args: string[]) => spawnSync(claude as string, args, { cwd: home, env, encoding: 'utf8', timeout: 120_000 });
    const added = cli(['plugin', 'marketplace', 'add', path.resolve('.')]);
    expect(added.status, added.stderr + added.stdout).toBe(0);
    const installed = cli(['plugin', 'install', 'docker-expert@docker-expert']);
    expect(installed.status, installed.stderr + installed.stdout).toBe(0);
    const list = JSON.parse(cli(['plugin', 'list', '--json']).stdout) as { id: string; enabled: boolean; installPath: string }[];
    const plugin = list.find((p) => p.id === 'docker-expert@docker-expert');
    expect(plugin).toMatchObject({ enabled: true });
    expect(existsSync(path.join(plugin!.installPath, 'hooks', 'hooks.json'))).toBe(true);

    // A project with neither the agent nor hooks of its own: both come from the plugin.
    const dir = path.join(fx.root, 'plugin-project');
    cpSync(fx.proj, dir, { recursive: true, verbatimSymlinks: true });
    rmSync(path.join(dir, '.claude'), { recursive: true, force: true });
    const batches = bashBatches(['docker run --privileged -v /:/host alpine', 'echo hi', 'docker ps'], BATCH, 'pl');
    const log = path.join(fx.root, 'plugin.log');
    const run = await runClaude({
      claude: claude as string, project: dir, home, pathEnv: fx.shims, batches, agent: 'docker-expert:docker-expert', timeoutMs: SESSION_MS, args: ALLOWED_TOOLS,
      env: { SHIM_LOG: log, SHIM_CANARY: fx.canary, DOCKER_EXPERT_BIN: `${process.execPath} ${BIN}` },
    });
    const out = outcomes(run, batches);
    expect(out.map((o) => [o.command, o.ran, o.byHook])).toEqual([
      ['docker run --privileged -v /:/host alpine', false, true],
      ['echo hi', false, true],
      ['docker ps', true, false],
    ]);
    expect(toolRuns(fx, log)).toEqual([['docker', 'ps']]);
  }, SESSION_MS);
});
