/**
 * kill -9 in the middle of a tool call, then `run --resume`: the real CLI bundle against the scripted Messages API.
 * The docker shim logs every call: the command must have run exactly once, and the resumed request must tell the
 * model the call was interrupted.
 */
import { appendFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { startScriptedServer, toolTurn, toolUse, type ScriptedServer } from '../support/scripted-server.js';
import { BIN, cliEnv, dockerShim, finishTurn, killQuietly, project, toolResults, waitFor } from './helpers.js';

let server: ScriptedServer | undefined;
const pids: number[] = [];
afterEach(async () => {
  for (const pid of pids.splice(0)) killQuietly(pid);
  await server?.close();
  server = undefined;
});

describe('run --resume after kill -9', () => {
  it('finishes the run, never re-runs the interrupted command, and tolerates a torn last journal line', async () => {
    const dir = project();
    const shim = dockerShim();
    server = await startScriptedServer([
      toolTurn([toolUse('Bash', { command: 'docker version --format slow' }, 'toolu_slow_1')]),
      finishTurn('Resumed and finished.'),
    ]);
    const env = cliEnv(server.url, shim.binDir);
    const first = execa(process.execPath, [BIN, 'run', '--cwd', dir, '--strict-mcp-config', '--output-format', 'json', 'check the engine'], { env, reject: false, stdin: 'ignore' });
    await waitFor(() => shim.calls().length === 1, 20_000, 'the docker shim to start');
    pids.push(Number(shim.calls()[0].split(' ')[0]));
    first.kill('SIGKILL');
    const killed = await first;
    expect(killed.signal).toBe('SIGKILL');

    const sessionsDir = path.join(dir, '.docker-expert', 'sessions');
    const [id] = readdirSync(sessionsDir);
    const journal = path.join(sessionsDir, id, 'journal.jsonl');
    const lines = readFileSync(journal, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.type)).toContain('tool_start');
    expect(lines.map((l) => l.type)).not.toContain('result');
    appendFileSync(journal, '{"type":"tool_end","tool_use_id":"toolu_sl');

    const listed = await execa(process.execPath, [BIN, 'sessions', '--cwd', dir, '--json'], { env, reject: false, stdin: 'ignore' });
    expect(JSON.parse(listed.stdout)).toMatchObject([{ id, agent: 'docker-expert', task: 'check the engine', status: 'interrupted' }]);

    const resumed = await execa(process.execPath, [BIN, 'run', '--cwd', dir, '--strict-mcp-config', '--output-format', 'json', '--resume', id], { env, reject: false, stdin: 'ignore' });
    expect(resumed.stderr).toMatch(/last line is incomplete/);
    expect(resumed.exitCode, resumed.stderr).toBe(0);
    const result = JSON.parse(resumed.stdout);
    expect(result).toMatchObject({ subtype: 'success', session_id: id, result: 'Resumed and finished.' });
    expect(shim.calls()).toHaveLength(1);

    const request = server.messageRequests[1].body;
    expect(request.messages[0].content[0].text).toBe('check the engine');
    const interrupted = toolResults(request).find((r) => r.id === 'toolu_slow_1');
    expect(interrupted?.isError).toBe(true);
    expect(interrupted?.text).toMatch(/Interrupted: .*while this Bash call was running\. It may or may not have taken effect/);

    const after = await execa(process.execPath, [BIN, 'sessions', '--cwd', dir, '--json'], { env, reject: false, stdin: 'ignore' });
    expect(JSON.parse(after.stdout)[0]).toMatchObject({ id, status: 'success' });
    // The finished session cannot be "resumed" without a new message.
    const again = await execa(process.execPath, [BIN, 'run', '--cwd', dir, '--strict-mcp-config', '--resume', id], { env, reject: false, stdin: 'ignore' });
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toMatch(/already finished its task/);
  }, 60_000);
});

describe('kill -9 of the runtime (issue 14.3)', () => {
  it('takes the running tool\'s whole process group with it (the shim and its sleep), within a few seconds', async () => {
    const dir = project();
    const shim = dockerShim();
    server = await startScriptedServer([toolTurn([toolUse('Bash', { command: 'docker version --format slow' }, 'toolu_slow_2')]), finishTurn('done')]);
    const env = cliEnv(server.url, shim.binDir);
    const run = execa(process.execPath, [BIN, 'run', '--cwd', dir, '--strict-mcp-config', 'check the engine'], { env, reject: false, stdin: 'ignore' });
    await waitFor(() => shim.calls().length === 1, 20_000, 'the docker shim to start');
    const pgid = Number(shim.calls()[0].split(' ')[0]);
    pids.push(pgid);
    const groupAlive = () => {
      try {
        process.kill(-pgid, 0);
        return true;
      } catch {
        return false;
      }
    };
    expect(groupAlive()).toBe(true);
    run.kill('SIGKILL');
    await run;
    await waitFor(() => !groupAlive(), 5_000, 'the tool\'s process group to die with the runtime');
  }, 60_000);
});

describe('run --resume after a kill between the accepted Handoff and the result', () => {
  it('ends at once with the same report, asking the model nothing (asked again, it would loop on "already accepted")', async () => {
    const dir = project();
    const later = ['design', 'secure', 'optimize', 'deploy'].map((step) => toolUse('WorkflowStep', { step, status: 'skipped', summary: `nothing to do for ${step}` }));
    server = await startScriptedServer([
      toolTurn([toolUse('WorkflowStep', { step: 'analyze', status: 'done', summary: 'a small project' })]),
      toolTurn([toolUse('Write', { file_path: 'notes.txt', content: 'checked\n' }, 'toolu_w_1')]),
      toolTurn([...later, toolUse('Handoff', { to: 'terminal', summary: 'All checked.' })]),
    ]);
    const env = cliEnv(server.url, dockerShim().binDir);
    const args = ['run', '--cwd', dir, '--strict-mcp-config', '--no-verify', '--output-format', 'json'];
    const first = await execa(process.execPath, [BIN, ...args, 'check the project'], { env, reject: false, stdin: 'ignore' });
    expect(first.exitCode, first.stderr).toBe(0);
    const original = JSON.parse(first.stdout);
    expect(original.handoff.artifacts.map((a: { path: string }) => a.path), first.stdout).toEqual(['notes.txt']);

    // The journal as a kill -9 right after the Handoff's results were stored leaves it: no result record.
    const sessionsDir = path.join(dir, '.docker-expert', 'sessions');
    const [id] = readdirSync(sessionsDir);
    const journal = path.join(sessionsDir, id, 'journal.jsonl');
    const lines = readFileSync(journal, 'utf8').trim().split('\n');
    const cut = lines.findIndex((l) => JSON.parse(l).type === 'result');
    expect(cut).toBeGreaterThan(0);
    writeFileSync(journal, `${lines.slice(0, cut).join('\n')}\n`);

    const resumed = await execa(process.execPath, [BIN, ...args, '--resume', id], { env, reject: false, stdin: 'ignore' });
    expect(resumed.exitCode, resumed.stderr).toBe(0);
    const result = JSON.parse(resumed.stdout);
    expect(server.messageRequests).toHaveLength(3);
    expect(result).toMatchObject({ subtype: 'success', session_id: id, result: 'All checked.', num_turns: 0 });
    expect(result.handoff).toEqual(original.handoff);
    expect(result.workflow).toEqual(original.workflow);
  }, 60_000);
});
