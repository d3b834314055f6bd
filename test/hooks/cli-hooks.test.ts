/** The CLI bundle end to end: hook runs in stream-json, --trust-project, a malformed hooks entry is exit 2. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { endTurn, startScriptedServer, toolTurn, toolUse, type ScriptedServer } from '../support/scripted-server.js';
import { fixture, logged, node, sh, type Fixture } from './helpers.js';

const BIN = path.resolve(import.meta.dirname, '../../bin/docker-expert.js');

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function cli(f: Fixture, args: string[], url = 'http://127.0.0.1:9') {
  return execa(process.execPath, [BIN, 'run', '--cwd', f.cwd, '--agents-dir', f.agentsDir, '--agent', 'hooker', '--model', 'sonnet', '--output-format', 'stream-json', '--no-verify', ...args, 'check it'], {
    env: { HOME: f.home, ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: url, HOOK_LOG: f.log, ANTHROPIC_AUTH_TOKEN: undefined },
    extendEnv: true,
    reject: false,
    stdin: 'ignore',
    timeout: 30_000,
  });
}

describe('docker-expert run with hooks', () => {
  it('each hook run is a system/hook line in stream-json, with command, exit code, duration and decision', async () => {
    const f = fixture({ user: { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: sh('block-docker.sh') }] }] } });
    server = await startScriptedServer([toolTurn([toolUse('Bash', { command: 'docker ps' }, 'b1')]), endTurn('done')]);
    const out = await cli(f, [], server.url);
    const lines = out.stdout.trim().split('\n').map((l) => JSON.parse(l));
    const hook = lines.find((l) => l.type === 'system' && l.subtype === 'hook');
    expect(hook).toMatchObject({ hook_event: 'PreToolUse', exit_code: 2, decision: 'block', origin: 'user', tool_use_id: 'b1', command: sh('block-docker.sh') });
    expect(typeof hook.duration_ms).toBe('number');
    expect(hook.session_id).toBe(lines.at(-1).session_id);
  });

  it('project hooks: a notice and no run without --trust-project; they run with it', async () => {
    const f = fixture({ project: { PreToolUse: [{ hooks: [{ type: 'command', command: node('record.mjs') }] }] } });
    server = await startScriptedServer([toolTurn([toolUse('Bash', { command: 'echo hi' })]), endTurn('done'), toolTurn([toolUse('Bash', { command: 'echo hi' })]), endTurn('done')]);
    const untrusted = await cli(f, [], server.url);
    expect(untrusted.stderr).toContain('not trusted');
    expect(untrusted.stderr).toContain('--trust-project');
    expect(logged(f)).toHaveLength(0);
    const trusted = await cli(f, ['--trust-project'], server.url);
    expect(trusted.stderr).not.toContain('not trusted');
    expect(logged(f)).toHaveLength(1);
  });

  it('a malformed hooks entry stops the run before it starts: exit 2, naming the file and the field', async () => {
    const f = fixture();
    const file = path.join(f.home, '.claude', 'settings.json');
    writeFileSync(file, JSON.stringify({ hooks: { Stop: [{ hooks: [{ type: 'command', command: 'x', timeout: 'soon' }] }] } }));
    const out = await cli(f, []);
    expect(out.exitCode).toBe(2);
    expect(out.stderr).toContain(`${file}: hooks.Stop[0].hooks[0].timeout:`);
  });
});

describe('batch and serve take --trust-project', () => {
  it("batch: Claude Code's trust record does not count; only --trust-project runs project hooks", async () => {
    const f = fixture({ project: { PreToolUse: [{ hooks: [{ type: 'command', command: node('record.mjs') }] }] } });
    writeFileSync(path.join(f.home, '.claude.json'), JSON.stringify({ projects: { [f.cwd]: { hasTrustDialogAccepted: true } } }));
    const tasks = path.join(f.home, 'tasks.jsonl');
    writeFileSync(tasks, `${JSON.stringify({ id: 'a', task: 'check it', cwd: f.cwd, agent: 'hooker', agentsDir: f.agentsDir, model: 'sonnet' })}\n`);
    server = await startScriptedServer([toolTurn([toolUse('Bash', { command: 'echo hi' })]), endTurn('done'), toolTurn([toolUse('Bash', { command: 'echo hi' })]), endTurn('done')]);
    const batch = (extra: string[]) =>
      execa(process.execPath, [BIN, 'batch', tasks, ...extra], {
        env: { HOME: f.home, ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: server?.url, HOOK_LOG: f.log },
        extendEnv: true,
        reject: false,
        timeout: 30_000,
      });
    const first = await batch([]);
    expect(JSON.parse(first.stdout.trim()).subtype).toBe('success');
    expect(logged(f)).toHaveLength(0);
    await batch(['--trust-project']);
    expect(logged(f)).toHaveLength(1);
  });

  it('appears in their help', async () => {
    for (const command of ['batch', 'serve']) {
      const out = await execa(process.execPath, [BIN, command, '--help'], { reject: false });
      expect(out.stdout).toContain('--trust-project');
    }
  });
});
