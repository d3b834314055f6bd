/**
 * `docker-expert chat` driven through piped stdin: the real CLI bundle against the scripted Messages API, with a
 * logging `docker` shim first on PATH. Approvals (y, always), the rule saved to settings.local.json (and honoured by
 * a later non-interactive run), a new workflow after a handoff, /steps, /cost, /exit, and Ctrl-C of a running tool.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { startScriptedServer, text, toolTurn, toolUse, type ScriptedServer } from '../support/scripted-server.js';
import { FLAKY } from '../mcp/helpers.js';
import { BIN, cliEnv, dockerShim, finishTurn, killQuietly, project, toolResults, waitFor } from '../sessions/helpers.js';

let server: ScriptedServer | undefined;
const pids: number[] = [];
afterEach(async () => {
  for (const pid of pids.splice(0)) killQuietly(pid);
  await server?.close();
  server = undefined;
});

const BUILD = 'docker rm old-app';
const laterSteps = (summary: string) =>
  toolTurn([
    ...['design', 'secure', 'optimize', 'deploy'].map((step) => toolUse('WorkflowStep', { step, status: 'skipped', summary: `nothing to do for ${step}` })),
    toolUse('Handoff', { to: 'terminal', summary }),
  ]);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('chat', () => {
  it('asks for approval of docker rm (y, then always), saves the rule without losing the file, and starts a new workflow after a handoff', async () => {
    const dir = project();
    const shim = dockerShim();
    mkdirSync(path.join(dir, '.claude'));
    const settings = path.join(dir, '.claude', 'settings.local.json');
    writeFileSync(settings, JSON.stringify({ permissions: { deny: ['Read(./secrets/**)'] }, env: { KEEP: '1' } }, null, 2));
    server = await startScriptedServer([
      { ...toolTurn([toolUse('WorkflowStep', { step: 'analyze', status: 'done', summary: 'a node app' }), toolUse('Bash', { command: BUILD })]), content: [text('Removing the old container.'), toolUse('WorkflowStep', { step: 'analyze', status: 'done', summary: 'a node app' }), toolUse('Bash', { command: BUILD })] },
      toolTurn([toolUse('Bash', { command: BUILD })]),
      toolTurn([toolUse('Bash', { command: BUILD })]),
      laterSteps('Built three times.'),
      finishTurn('Second task done.'),
    ]);
    const env = cliEnv(server.url, shim.binDir);
    const input = ['build it', 'y', 'a', '/steps', 'again', '/steps', '/cost', '/exit', ''].join('\n');
    const r = await execa(process.execPath, [BIN, 'chat', '--cwd', dir, '--strict-mcp-config'], { env, input, reject: false });
    expect(r.exitCode, r.stderr).toBe(0);
    const out = r.stdout;
    expect(out).toContain('Removing the old container.');
    expect(out.match(/\? Allow Bash docker rm old-app/g), out + r.stderr).toHaveLength(2);
    expect(shim.calls().map((c) => c.split(' ').slice(1).join(' '))).toEqual(['rm old-app', 'rm old-app', 'rm old-app']);
    expect(out.match(/-> Bash docker rm old-app/g)).toHaveLength(3);

    const saved = JSON.parse(readFileSync(settings, 'utf8'));
    expect(saved).toEqual({ permissions: { deny: ['Read(./secrets/**)'], allow: [`Bash(${BUILD})`] }, env: { KEEP: '1' } });

    expect(out).toContain('Built three times.');
    expect(out).toContain('the last task handed off; the next message starts a new workflow');
    expect(out).toContain('Second task done.');
    expect(out.match(/\(done: /g)).toHaveLength(2);
    expect(out).toMatch(/analyze\s+skipped: nothing to do for analyze/);
    expect(out).toMatch(/session [\w-]+: \$\d+\.\d{4} over 2 run\(s\)/);
    // The second message went to the same conversation: the request holds the first task and its tool results.
    const second = server.messageRequests[4].body;
    expect(second.messages[0].content[0].text).toBe('build it');
    expect(JSON.stringify(second.messages.at(-1))).toContain('again');

    // The saved rule is honoured by a later non-interactive run (no approver): the build runs, nothing is denied.
    server.push(toolTurn([toolUse('WorkflowStep', { step: 'analyze', status: 'done', summary: 'x' }), toolUse('Bash', { command: BUILD })]), laterSteps('Built again.'));
    const run = await execa(process.execPath, [BIN, 'run', '--cwd', dir, '--strict-mcp-config', '--output-format', 'json', 'build'], { env, reject: false, stdin: 'ignore' });
    expect(JSON.parse(run.stdout)).toMatchObject({ subtype: 'success', permission_denials: [] });
    expect(shim.calls()).toHaveLength(4);
  }, 60_000);

  it('Ctrl-C cancels the running tool (its process is killed) and the session goes on at the next message', async () => {
    const dir = project();
    const shim = dockerShim();
    server = await startScriptedServer([toolTurn([toolUse('Bash', { command: 'docker version --format slow' }, 'toolu_cancelled')]), finishTurn('Finished after the cancel.')]);
    const env = cliEnv(server.url, shim.binDir);
    const child = execa(process.execPath, [BIN, 'chat', '--cwd', dir, '--strict-mcp-config'], { env, reject: false });
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stdin!.write('check the engine\n');
    await waitFor(() => shim.calls().length === 1, 20_000, 'the docker shim').catch((e) => { throw new Error(e.message + out); });
    const shimPid = Number(shim.calls()[0].split(' ')[0]);
    pids.push(shimPid);
    child.kill('SIGINT');
    await waitFor(() => out.includes('(stopped'), 15_000, 'the cancelled turn to end');
    expect(out).toContain('^C cancelling this turn');
    await waitFor(() => !alive(shimPid), 5_000, 'the shim to be killed');
    child.stdin!.end(['/cost', 'finish it', '/steps', '/exit', ''].join('\n'));
    const r = await child;
    expect(r.exitCode, r.stderr).toBe(0);
    expect(out).toMatch(/session [\w-]+: \$\d+\.\d{4} over 1 run\(s\)/);
    expect(out).toContain('Finished after the cancel.');
    expect(shim.calls()).toHaveLength(1);
    const resumed = server.messageRequests[1].body;
    expect(toolResults(resumed).find((t) => t.id === 'toolu_cancelled')?.isError).toBe(true);
    expect(JSON.stringify(resumed.messages.at(-1))).toContain('finish it');
    expect(existsSync(path.join(dir, '.claude', 'settings.local.json'))).toBe(false);
  }, 60_000);

  it('Ctrl-C at an approval question cancels the turn: nothing more is asked, and the model hears the user cancelled', async () => {
    const dir = project();
    const shim = dockerShim();
    server = await startScriptedServer([
      toolTurn([
        toolUse('WorkflowStep', { step: 'analyze', status: 'done', summary: 'x' }),
        toolUse('Bash', { command: BUILD }, 'toolu_asked'),
        toolUse('Bash', { command: 'docker rm other-app' }, 'toolu_later'),
      ]),
      finishTurn('Understood, stopping.'),
    ]);
    const child = execa(process.execPath, [BIN, 'chat', '--cwd', dir, '--strict-mcp-config'], { env: cliEnv(server.url, shim.binDir), reject: false });
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stdin!.write('remove it\n');
    await waitFor(() => out.includes('[y]es / [n]o / [a]lways'), 20_000, 'the approval question');
    child.kill('SIGINT');
    await waitFor(() => out.includes('(stopped'), 15_000, 'the cancelled turn to end');
    child.stdin!.end('go on\n/exit\n');
    const r = await child;
    expect(r.exitCode, r.stderr).toBe(0);
    expect(out.split('[y]es / [n]o / [a]lways')).toHaveLength(2);
    expect(out).not.toContain('other-app');
    expect(out).not.toContain('(no answer: denied)');
    expect(out).toMatch(/!! Bash denied: the user cancelled this turn \(Ctrl-C\) instead of answering/);
    expect(shim.calls()).toEqual([]);
    const next = toolResults(server.messageRequests[1]!.body);
    expect(next.find((t) => t.id === 'toolu_asked')?.text).toMatch(/the user cancelled this turn \(Ctrl-C\) instead of answering/);
    expect(next.find((t) => t.id === 'toolu_later')).toMatchObject({ isError: true, text: expect.stringMatching(/^Not run: /) });
    expect(JSON.stringify(next)).not.toContain('declined');
  }, 60_000);
});

describe('chat and MCP servers', () => {
  it('starts each MCP server once for the whole chat, prints a server warning once, and stops the servers at /exit', async () => {
    const dir = project();
    const starts = path.join(dir, 'starts.log');
    const broken = path.join(dir, 'broken.log');
    const config = path.join(dir, 'mcp.json');
    writeFileSync(config, JSON.stringify({ mcpServers: {
      Ref: { command: process.execPath, args: [FLAKY, '--state-file', starts] },
      serena: { command: process.execPath, args: [FLAKY, '--state-file', broken, '--crash-on-start'] },
    } }));
    server = await startScriptedServer([finishTurn('First answer.'), finishTurn('Second answer.'), finishTurn('Third answer.')]);
    const child = execa(process.execPath, [BIN, 'chat', '--cwd', dir, '--mcp-config', config, '--strict-mcp-config'], { env: cliEnv(server.url), reject: false });
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stdin!.write('one\n');
    await waitFor(() => out.includes('First answer.'), 20_000, 'the first answer').catch((e) => { throw new Error(`${e.message}\n${out}`); });
    child.stdin!.write('two\n');
    await waitFor(() => out.includes('Second answer.'), 20_000, 'the second answer');
    child.stdin!.end('three\n/exit\n');
    const r = await child;
    expect(r.exitCode, r.stderr).toBe(0);
    expect(out).toContain('Third answer.');
    const pids = readFileSync(starts, 'utf8').trim().split('\n');
    expect(pids).toHaveLength(1);
    expect(readFileSync(broken, 'utf8').trim().split('\n')).toHaveLength(1);
    expect(out.match(/MCP server 'serena'/g) ?? []).toHaveLength(1);
    expect(out.match(/tools not available in this run/g) ?? []).toHaveLength(1);
    expect(server.messageRequests.every((m) => JSON.stringify(m.body.tools).includes('mcp__Ref__echo'))).toBe(true);
    await waitFor(() => !alive(Number(pids[0])), 5_000, 'the MCP server to stop after /exit');
  }, 90_000);
});

describe('chat /resume', () => {
  it('continues a saved session from another process: the next message goes to the same conversation (custom --sessions-dir)', async () => {
    const dir = project();
    const sessions = path.join(dir, 'saved');
    server = await startScriptedServer([finishTurn('First run done.'), finishTurn('Continued.')]);
    const env = cliEnv(server.url);
    const first = await execa(process.execPath, [BIN, 'run', '--cwd', dir, '--sessions-dir', sessions, '--strict-mcp-config', '--output-format', 'json', 'review it'], { env, reject: false, stdin: 'ignore' });
    const id = JSON.parse(first.stdout).session_id;
    expect(existsSync(path.join(sessions, id, 'journal.jsonl'))).toBe(true);
    const input = [`/resume ../${id}`, `/resume ${id}`, 'and now the compose file', '/cost', '/exit', ''].join('\n');
    const r = await execa(process.execPath, [BIN, 'chat', '--cwd', dir, '--sessions-dir', sessions, '--strict-mcp-config'], { env, input, reject: false });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain(`error: '../${id}' is not a session id`);
    expect(r.stdout).toContain(`resumed session ${id}`);
    expect(r.stdout).toContain('Continued.');
    expect(r.stdout).toMatch(new RegExp(`session ${id}: \\$\\d+\\.\\d{4} over 2 run\\(s\\)`));
    const request = server.messageRequests[1].body;
    expect(request.messages[0].content[0].text).toBe('review it');
    expect(JSON.stringify(request.messages.at(-1))).toContain('and now the compose file');
    const table = await execa(process.execPath, [BIN, 'sessions', '--cwd', dir, '--sessions-dir', sessions], { env, reject: false });
    expect(table.stdout.split('\n')[0]).toMatch(/^ID\s+AGENT\s+TASK\s+STATUS\s+COST\s+UPDATED$/);
    expect(table.stdout).toMatch(new RegExp(`${id}\\s+docker-expert\\s+review it\\s+success\\s+\\$\\d`));
  }, 60_000);
});
