/** Hooks in Task sub-agents, in session journals (and resume), and before context clearing. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as z from 'zod';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../agent/events.js';
import { hooksForRun } from '../../agent/hooks/index.js';
import { runAgent } from '../../agent/run.js';
import { loadSession, startSession } from '../../agent/session/start-session.js';
import type { Tool } from '../../tools/tool.js';
import { endTurn, startScriptedServer, toolTurn, toolUse } from '../support/scripted-server.js';
import { definition as testDefinition, rules } from '../loop/helpers.js';
import { closeServers, fixture, hookEvents, logged, node, runHooked, sh } from './helpers.js';

afterEach(closeServers);

const HELPER = (recorder: string) => `---
name: helper
description: a sub-agent for hook tests
tools: Read
model: haiku
hooks:
  Stop:
    - hooks:
        - type: command
          command: ${JSON.stringify(`${recorder} helper-own-stop`)}
---
You help.
`;

describe('Task sub-agents', () => {
  it('carry agent_type in their hook inputs; their Stop is SubagentStop; settings Stop hooks fire for the top-level run only', async () => {
    const rec = node('record.mjs');
    const f = fixture({
      user: {
        PreToolUse: [{ matcher: 'Read|Task', hooks: [{ type: 'command', command: rec }] }],
        Stop: [{ hooks: [{ type: 'command', command: rec }] }],
        SubagentStop: [{ matcher: 'helper', hooks: [{ type: 'command', command: rec }] }],
      },
    });
    writeFileSync(path.join(f.agentsDir, 'helper.md'), HELPER(rec));
    const { result, events } = await runHooked(f, [
      toolTurn([toolUse('Task', { description: 'read it', prompt: 'Read the Dockerfile', subagent_type: 'helper' }, 'task_1')]),
      toolTurn([toolUse('Read', { file_path: path.join(f.cwd, 'Dockerfile') }, 'child_read')]),
      endTurn('child report'),
      endTurn('parent done'),
    ]);
    expect(result.subtype).toBe('success');
    const inputs = logged(f);
    expect(inputs.map((i) => `${i.hook_event_name}:${i.agent_type ?? '-'}:${i.tool_name ?? ''}`)).toEqual([
      'PreToolUse:-:Task',
      'PreToolUse:helper:Read',
      'SubagentStop:helper:',
      'SubagentStop:helper:',
      'Stop:-:',
    ]);
    // The sub-agent shares the session (its hooks see the parent's session id and transcript).
    expect(new Set(inputs.map((i) => i.session_id))).toEqual(new Set([result.session_id]));
    expect(new Set(inputs.map((i) => i.transcript_path)).size).toBe(1);
    // Its hook runs are the run's events, marked with the agent.
    const fromChild = hookEvents(events).filter((h) => h.agent_type === 'helper');
    expect(fromChild.map((h) => `${h.hook_event}:${h.origin}`).sort()).toEqual(['PreToolUse:user', 'SubagentStop:agent', 'SubagentStop:user']);
  });

  it('a SubagentStop block makes the sub-agent go on', async () => {
    const f = fixture({ user: { SubagentStop: [{ hooks: [{ type: 'command', command: sh('stop-once.sh') }] }] } });
    writeFileSync(path.join(f.agentsDir, 'helper.md'), HELPER('true'));
    const { result, server } = await runHooked(f, [
      toolTurn([toolUse('Task', { description: 'd', prompt: 'p', subagent_type: 'helper' })]),
      endTurn('child first'),
      endTurn('child second'),
      endTurn('parent done'),
    ]);
    expect(result.subtype).toBe('success');
    // Request 2 is the child's second turn: it carries the hook's reason; the parent gets the child's last report.
    expect(JSON.stringify(server.messageRequests[2].body.messages)).toContain('Run the image scan before you stop.');
    expect(JSON.stringify(server.messageRequests[3].body.messages)).toContain('child second');
    expect(logged(f).map((i) => i.stop_hook_active)).toEqual([false, true]);
  });
});

describe('journal', () => {
  it('hook runs are journal records; the session resumes, and SessionStart then says resume', async () => {
    const f = fixture({ user: { SessionStart: [{ hooks: [{ type: 'command', command: node('record.mjs') }] }], PreToolUse: [{ hooks: [{ type: 'command', command: 'cat >/dev/null; exit 0' }] }] } });
    const server = await startScriptedServer([toolTurn([toolUse('Bash', { command: 'echo one' })]), endTurn('first done'), endTurn('second done')]);
    const env = { PATH: process.env.PATH ?? '', HOME: f.home, ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: server.url, HOOK_LOG: f.log };
    const base = { agent: 'hooker', agentsDir: f.agentsDir, cwd: f.cwd, mcp: false, env, verify: { enabled: false, maxRounds: 1 } };
    try {
      const first = await startSession({ ...base, task: 'first task' });
      const r1 = await first.result;
      expect(r1.subtype).toBe('success');
      const records = readFileSync(path.join(first.sessionDir, 'journal.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      const hooks = records.filter((r) => r.type === 'hook');
      expect(hooks.map((h) => h.hook_event)).toEqual(['SessionStart', 'PreToolUse']);
      expect(hooks[1]).toMatchObject({ command: 'cat >/dev/null; exit 0', exit_code: 0, decision: 'none', origin: 'user' });
      expect(typeof hooks[1].duration_ms).toBe('number');

      const { rebuilt } = loadSession(path.join(f.cwd, '.docker-expert', 'sessions'), r1.session_id);
      expect(rebuilt.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
      const second = await startSession({ ...base, task: 'second task', resume: r1.session_id });
      const r2 = await second.result;
      expect(r2.subtype).toBe('success');
      expect(r2.result).toBe('second done');
      expect(logged(f).map((i) => i.source)).toEqual(['startup', 'resume']);
    } finally {
      await server.close();
    }
  });
});

describe('PreCompact', () => {
  it('fires (trigger auto) before old tool results are cleared', async () => {
    const f = fixture({ user: { PreCompact: [{ matcher: 'auto', hooks: [{ type: 'command', command: node('record.mjs') }] }] } });
    const big: Tool<{ value: string }> = {
      name: 'Probe',
      description: 'returns a lot',
      inputSchema: z.object({ value: z.string() }),
      isReadOnly: () => true,
      isConcurrencySafe: () => true,
      call: async () => ({ content: 'x'.repeat(6000) }),
    };
    const server = await startScriptedServer([
      toolTurn([toolUse('Probe', { value: '1' })]),
      toolTurn([toolUse('Probe', { value: '2' })]),
      toolTurn([toolUse('Probe', { value: '3' })]),
      endTurn('done'),
    ]);
    try {
      const env = { PATH: process.env.PATH ?? '', HOME: f.home, HOOK_LOG: f.log, ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: server.url };
      const definition = testDefinition({ tools: rules('Probe'), file: path.join(f.agentsDir, 'tester.md') });
      const { session } = hooksForRun({ definition, cwd: f.cwd, env, sessionId: 's1', sessionDir: path.join(f.home, 's1'), permissionMode: 'default', resumed: false });
      const events: AgentEvent[] = [];
      const result = await runAgent({
        agent: definition,
        task: 't',
        cwd: f.cwd,
        env,
        gate: { check: async () => ({ behavior: 'allow', reason: 'test' }) },
        tools: [big],
        hooks: session.wrap({}),
        contextWindow: 4000,
        clearAtFraction: 0.5,
        keepToolResults: 1,
        retryBaseMs: 1,
        onEvent: (e) => events.push(e),
      }).result;
      expect(result.subtype).toBe('success');
      const order = events.filter((e) => e.type === 'hook' || (e.type === 'notice' && e.message.includes('cleared'))).map((e) => e.type);
      expect(order[0]).toBe('hook');
      expect(order).toContain('notice');
      expect(logged(f)[0]).toMatchObject({ hook_event_name: 'PreCompact', trigger: 'auto', custom_instructions: '' });
    } finally {
      await server.close();
    }
  });
});
