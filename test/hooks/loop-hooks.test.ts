/** Claude Code hooks through the real loop: real hook scripts (bash and Node), the scripted Messages API, the real gate. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { endTurn, toolTurn, toolUse } from '../support/scripted-server.js';
import { closeServers, fixture, hookEvents, logged, node, pidAlive, resultsOf, runHooked, sh, textsOf, waitUntil } from './helpers.js';

afterEach(closeServers);

describe('PreToolUse', () => {
  it('exit 2 stops a docker command before it runs, and the model sees the hook stderr', async () => {
    const f = fixture({ user: { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: sh('block-docker.sh') }] }] } });
    const { result, events, server } = await runHooked(f, [toolTurn([toolUse('Bash', { command: 'docker ps' }, 'call_1')]), endTurn('stopped')]);
    const [blocked] = resultsOf(server, 1);
    expect(blocked).toMatchObject({ tool_use_id: 'call_1', is_error: true });
    expect(blocked.content).toContain('docker is not allowed by the team policy hook');
    // The command never started: no tool_start, and the denial is in the result.
    expect(events.some((e) => e.type === 'tool_start')).toBe(false);
    expect(result.permission_denials).toEqual([expect.objectContaining({ tool_name: 'Bash', tool_use_id: 'call_1', reason: expect.stringContaining('team policy') })]);
    const [hook] = hookEvents(events);
    expect(hook).toMatchObject({ hook_event: 'PreToolUse', exit_code: 2, decision: 'block', origin: 'user', tool_name: 'Bash', tool_use_id: 'call_1' });
    expect(hook.command).toContain('block-docker.sh');
    expect(hook.duration_ms).toBeGreaterThanOrEqual(0);
    // The hook got Claude Code's input.
    const [input] = logged(f);
    expect(input).toMatchObject({ hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'docker ps' }, tool_use_id: 'call_1', cwd: f.cwd, permission_mode: 'default' });
    expect(input.session_id).toBe(result.session_id);
    expect(input.transcript_path).toBe(path.join(f.cwd, '.docker-expert', 'sessions', result.session_id, 'journal.jsonl'));
    expect(input.agent_type).toBeUndefined();
  });

  it('a command the hook lets through still goes to the gate and runs', async () => {
    const f = fixture({ user: { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: sh('block-docker.sh') }] }] } });
    const { events, server } = await runHooked(f, [toolTurn([toolUse('Bash', { command: 'echo hello-from-bash' })]), endTurn('ok')]);
    expect(resultsOf(server, 1)[0].content).toContain('hello-from-bash');
    expect(hookEvents(events)[0]).toMatchObject({ decision: 'none', exit_code: 0 });
  });

  it('an updatedInput that escapes the project is still refused by the gate; one inside it is run', async () => {
    const f = fixture();
    const rewrite = { PreToolUse: [{ matcher: 'Read', hooks: [{ type: 'command', command: node('rewrite-path.mjs', path.join(f.cwd, 'Dockerfile')) }] }] };
    writeFileSync(path.join(f.home, '.claude', 'settings.json'), JSON.stringify({ hooks: rewrite }));
    const { result, events, server } = await runHooked(f, [
      toolTurn([toolUse('Read', { file_path: path.join(f.cwd, 'escape.txt') }, 'c_escape')]),
      toolTurn([toolUse('Read', { file_path: path.join(f.cwd, 'nothing-here.txt') }, 'c_inside')]),
      endTurn('done'),
    ]);
    const [escaped] = resultsOf(server, 1);
    expect(escaped.is_error).toBe(true);
    expect(escaped.content).toMatch(/Permission denied/);
    expect(escaped.content).toContain('/etc/passwd');
    expect(escaped.content).not.toContain('root:');
    const [rewritten] = resultsOf(server, 2);
    expect(rewritten.is_error).toBeUndefined();
    expect(rewritten.content).toContain('FROM node:20');
    expect(hookEvents(events).map((h) => h.decision)).toEqual(['allow', 'allow']);
    expect(result.permission_denials.map((d) => d.tool_use_id)).toEqual(['c_escape']);
  });

  it('an updatedInput that breaks the tool schema is refused with the schema error', async () => {
    const f = fixture({
      user: { PreToolUse: [{ hooks: [{ type: 'command', command: `echo '{"hookSpecificOutput":{"hookEventName":"PreToolUse","updatedInput":{"file_path":42}}}'` }] }] },
    });
    const { server } = await runHooked(f, [toolTurn([toolUse('Read', { file_path: path.join(f.cwd, 'Dockerfile') })]), endTurn('done')]);
    const [r] = resultsOf(server, 1);
    expect(r.is_error).toBe(true);
    expect(r.content).toContain('changed the input of Read into one that is not valid');
  });

  it('JSON deny blocks with its reason; ask without anyone to approve is a denial; allow never lifts a deny rule', async () => {
    const reply = (decision: string) => `echo '{"hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"${decision}","permissionDecisionReason":"policy says ${decision}"}}'`;
    const f = fixture({
      user: {
        PreToolUse: [
          { matcher: 'Read', hooks: [{ type: 'command', command: reply('deny') }] },
          { matcher: 'Bash', hooks: [{ type: 'command', command: reply('ask') }] },
        ],
      },
    });
    const { server } = await runHooked(f, [toolTurn([toolUse('Read', { file_path: path.join(f.cwd, 'Dockerfile') }), toolUse('Bash', { command: 'echo hi' })]), endTurn('done')]);
    const [read, bash] = resultsOf(server, 1);
    expect(read).toMatchObject({ is_error: true });
    expect(read.content).toContain('policy says deny');
    expect(bash).toMatchObject({ is_error: true });
    expect(bash.content).toContain('policy says ask');
    expect(bash.content).toContain('non-interactive');

    const g = fixture({ user: { PreToolUse: [{ matcher: 'Read', hooks: [{ type: 'command', command: reply('allow') }] }] } });
    const denied = await runHooked(g, [toolTurn([toolUse('Read', { file_path: path.join(g.cwd, 'Dockerfile') })]), endTurn('done')], { deny: ['Read(./Dockerfile)'] });
    expect(resultsOf(denied.server, 1)[0]).toMatchObject({ is_error: true });
    expect(resultsOf(denied.server, 1)[0].content).toContain('Read(./Dockerfile)');
  });

  it('an ask from a hook goes to the approver, and Notification hooks fire with it', async () => {
    const f = fixture({
      user: {
        PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: `echo '{"hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"ask","permissionDecisionReason":"check this one"}}'` }] }],
        Notification: [{ matcher: 'permission_prompt', hooks: [{ type: 'command', command: node('record.mjs') }] }],
      },
    });
    const asked: string[] = [];
    const { server } = await runHooked(f, [toolTurn([toolUse('Bash', { command: 'echo approved-run' })]), endTurn('done')], {
      approver: async (_req, decision) => (asked.push(decision.reason), 'allow'),
    });
    expect(asked[0]).toBe('check this one');
    expect(resultsOf(server, 1)[0].content).toContain('approved-run');
    expect(logged(f)).toEqual([expect.objectContaining({ hook_event_name: 'Notification', notification_type: 'permission_prompt', message: expect.stringContaining('Bash') })]);
  });

  it('continue: false stops the run after the call with its stopReason', async () => {
    const f = fixture({ user: { PreToolUse: [{ hooks: [{ type: 'command', command: `echo '{"continue":false,"stopReason":"maintenance window"}'` }] }] } });
    const { result, server } = await runHooked(f, [toolTurn([toolUse('Bash', { command: 'echo x' })]), endTurn('never sent')]);
    expect(result.result).toContain('maintenance window');
    expect(server.messageRequests).toHaveLength(1);
  });
});

describe('PostToolUse and PostToolUseFailure', () => {
  it('PostToolUse receives the tool response; its block reason and context reach the model', async () => {
    const reply = JSON.stringify({ decision: 'block', reason: 'lint the Dockerfile next', hookSpecificOutput: { hookEventName: 'PostToolUse', additionalContext: 'hadolint is installed' } });
    const f = fixture({ user: { PostToolUse: [{ matcher: 'Read|Write', hooks: [{ type: 'command', command: node('record.mjs') }] }] } });
    const { server } = await runHooked(f, [toolTurn([toolUse('Read', { file_path: path.join(f.cwd, 'Dockerfile') }, 'r1')]), endTurn('done')], { env: { HOOK_REPLY: reply } });
    const [input] = logged(f);
    expect(input).toMatchObject({ hook_event_name: 'PostToolUse', tool_name: 'Read', tool_use_id: 'r1', tool_input: { file_path: path.join(f.cwd, 'Dockerfile') } });
    expect(input.tool_response).toContain('FROM node:20');
    const [r] = resultsOf(server, 1);
    expect(r.content).toContain('FROM node:20');
    expect(r.content).toContain('lint the Dockerfile next');
    expect(r.content).toContain('hadolint is installed');
  });

  it('a failed call fires PostToolUseFailure (with the error), not PostToolUse', async () => {
    const f = fixture({
      user: {
        PostToolUse: [{ hooks: [{ type: 'command', command: node('record.mjs') }] }],
        PostToolUseFailure: [{ hooks: [{ type: 'command', command: node('record.mjs') }] }],
      },
    });
    await runHooked(f, [toolTurn([toolUse('Read', { file_path: path.join(f.cwd, 'missing.txt') })]), endTurn('done')]);
    const inputs = logged(f);
    expect(inputs.map((i) => i.hook_event_name)).toEqual(['PostToolUseFailure']);
    expect(inputs[0].error).toMatch(/missing\.txt|not exist|no such/i);
  });
});

describe('turn end, first turn, run end', () => {
  it("a Stop hook's block makes the agent continue with the reason; stop_hook_active is true the next time", async () => {
    const f = fixture({ user: { Stop: [{ hooks: [{ type: 'command', command: sh('stop-once.sh') }] }] } });
    const { result, server, events } = await runHooked(f, [endTurn('all done'), endTurn('scanned, done now')]);
    expect(result.subtype).toBe('success');
    expect(result.num_turns).toBe(2);
    expect(textsOf(server, 1)).toContain('Run the image scan before you stop.');
    expect(logged(f).map((i) => i.stop_hook_active)).toEqual([false, true]);
    expect(hookEvents(events).map((h) => h.decision)).toEqual(['block', 'none']);
  });

  it('an accepted Handoff ends the run: Stop hooks run, and a block is only a notice', async () => {
    const f = fixture({ user: { Stop: [{ hooks: [{ type: 'command', command: sh('stop-once.sh') }] }] } });
    writeFileSync(
      path.join(f.agentsDir, 'lead.md'),
      `---\nname: lead\ndescription: |\n  a workflow agent\n  Hands off to: terminal\ntools: Read\nmodel: sonnet\n---\nYou lead.\n`,
    );
    const steps = ['analyze', 'design', 'secure', 'optimize', 'deploy'].map((step) => toolUse('WorkflowStep', { step, status: 'skipped', summary: `${step}: nothing to do here` }));
    const { result, events } = await runHooked(f, [toolTurn([...steps, toolUse('Handoff', { to: 'terminal', summary: 'Handed off.' })])], { agent: 'lead' });
    expect(result.subtype).toBe('success');
    expect(result.handoff).toMatchObject({ to: 'terminal' });
    expect(logged(f)).toEqual([expect.objectContaining({ hook_event_name: 'Stop', stop_hook_active: false })]);
    expect(events.some((e) => e.type === 'notice' && e.message.includes('already accepted') && e.message.includes('image scan'))).toBe(true);
  });

  it("SessionStart's additionalContext reaches the model in the first request; UserPromptSubmit gets the prompt", async () => {
    const f = fixture({
      user: {
        SessionStart: [{ matcher: 'startup', hooks: [{ type: 'command', command: sh('session-context.sh') }] }],
        UserPromptSubmit: [{ hooks: [{ type: 'command', command: node('record.mjs') }] }],
      },
    });
    const { server } = await runHooked(f, [endTurn('done')]);
    expect(textsOf(server, 0)).toContain('The cluster in this project is prod-eu-1.');
    expect(logged(f)).toEqual([expect.objectContaining({ hook_event_name: 'UserPromptSubmit', prompt: 'check the project' })]);
  });

  it('a UserPromptSubmit block ends the run before any request; SessionEnd still fires', async () => {
    const f = fixture({
      user: {
        UserPromptSubmit: [{ hooks: [{ type: 'command', command: `cat >/dev/null; echo "prompts about prod are refused" >&2; exit 2` }] }],
        SessionEnd: [{ hooks: [{ type: 'command', command: node('record.mjs') }] }],
      },
    });
    const { result, server } = await runHooked(f, [endTurn('never')]);
    expect(result.is_error).toBe(true);
    expect(result.result).toContain('prompts about prod are refused');
    expect(server.messageRequests).toHaveLength(0);
    expect(logged(f)).toEqual([expect.objectContaining({ hook_event_name: 'SessionEnd', reason: 'other' })]);
  });
});

describe('execution', () => {
  it('a hook that times out is killed (with what it started) and the run goes on', async () => {
    const f = fixture();
    const pids = path.join(f.home, 'pids');
    writeFileSync(path.join(f.home, '.claude', 'settings.json'), JSON.stringify({ hooks: { PreToolUse: [{ hooks: [{ type: 'command', command: sh('slow.sh', pids), timeout: 2.5 }] }] } }));
    const started = Date.now();
    const { events, server, notices } = await runHooked(f, [toolTurn([toolUse('Bash', { command: 'echo still-ran' })]), endTurn('done')]);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(resultsOf(server, 1)[0].content).toContain('still-ran');
    const [hook] = hookEvents(events);
    expect(hook).toMatchObject({ decision: 'timeout', exit_code: null });
    expect(hook.duration_ms).toBeGreaterThanOrEqual(2500);
    expect(events.some((e) => e.type === 'notice' && e.message.includes('timed out'))).toBe(true);
    const [shell, child] = readFileSync(pids, 'utf8').trim().split(' ').map(Number);
    await waitUntil(() => !pidAlive(shell) && !pidAlive(child));
    expect(notices).toEqual([]);
  });

  it('a non-blocking error (exit 1) is a notice and the call runs', async () => {
    const f = fixture({ user: { PreToolUse: [{ hooks: [{ type: 'command', command: 'cat >/dev/null; echo "formatter missing" >&2; exit 1' }] }] } });
    const { events, server } = await runHooked(f, [toolTurn([toolUse('Bash', { command: 'echo ran-anyway' })]), endTurn('done')]);
    expect(resultsOf(server, 1)[0].content).toContain('ran-anyway');
    expect(hookEvents(events)[0]).toMatchObject({ decision: 'error', exit_code: 1 });
    expect(events.some((e) => e.type === 'notice' && e.message.includes('formatter missing'))).toBe(true);
  });

  it('CLAUDE_PROJECT_DIR is the project; hooks run in it', async () => {
    const f = fixture({ user: { PreToolUse: [{ hooks: [{ type: 'command', command: `cat >/dev/null; echo "{\\"dir\\":\\"$CLAUDE_PROJECT_DIR\\",\\"pwd\\":\\"$(pwd)\\"}" >> "$HOOK_LOG"` }] }] } });
    await runHooked(f, [toolTurn([toolUse('Bash', { command: 'echo x' })]), endTurn('done')]);
    expect(logged(f)).toEqual([{ dir: f.cwd, pwd: f.cwd }]);
  });
});
