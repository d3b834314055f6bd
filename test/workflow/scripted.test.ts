import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startRun, type StartOptions } from '../../agent/start.js';
import { endTurn, startScriptedServer, toolTurn, toolUse, type ScriptEntry, type ScriptedServer } from '../support/scripted-server.js';

const LEAD = `---
name: lead
description: |
  ALWAYS use when: tests
  Hands off to: workflow-orchestrator, terminal
tools: Read, Write, Task, Bash(docker:*)
model: sonnet
---
You are the lead test agent.
`;
const HELPER = `---
name: helper
description: A helper agent for tests
tools: Read, Bash(kubectl:*), Task
model: haiku
---
You are the helper test agent.
`;

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function project(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'de-wf-'));
  mkdirSync(path.join(dir, '.claude/agents'), { recursive: true });
  writeFileSync(path.join(dir, '.claude/agents/lead.md'), LEAD);
  writeFileSync(path.join(dir, '.claude/agents/helper.md'), HELPER);
  writeFileSync(path.join(dir, 'app.txt'), 'hello\n');
  return dir;
}

async function run(script: ScriptEntry[], extra: Partial<StartOptions> = {}) {
  server = await startScriptedServer(script);
  const cwd = project();
  const started = await startRun({ agent: 'lead', task: 'do the thing', cwd, env: { ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: server.url }, mcp: false, ...extra });
  return { result: await started.result, cwd, server };
}

const step = (s: string, status = 'done', summary = `${s} ok`) => toolTurn([toolUse('WorkflowStep', { step: s, status, summary })]);
const FIVE = ['analyze', 'design', 'secure', 'optimize', 'deploy'].map((s) => step(s));
/** The tool_result blocks the runtime sent back in request n. */
const resultsOf = (srv: ScriptedServer, n: number) => (srv.messageRequests[n].body.messages.at(-1).content as any[]).filter((b) => b.type === 'tool_result');

describe('workflow through the loop (scripted server, real SDK)', () => {
  it('five steps then a terminal Handoff: success, workflow of five, the handoff, the tools and the system text', async () => {
    const { result, server: srv } = await run([...FIVE, toolTurn([toolUse('Handoff', { to: 'terminal', summary: 'All done.', commands: ['docker build .'] })])]);
    expect(result.subtype).toBe('success');
    expect(result.result).toBe('All done.');
    expect(result.workflow.map((w) => `${w.step}:${w.status}`)).toEqual(['analyze:done', 'design:done', 'secure:done', 'optimize:done', 'deploy:done']);
    expect(result.handoff).toMatchObject({ to: 'terminal', summary: 'All done.', commands: ['docker build .'], artifacts: [], verification: [] });
    const first = srv.messageRequests[0].body;
    expect(first.tools.map((t: any) => t.name)).toEqual(expect.arrayContaining(['WorkflowStep', 'Handoff', 'Read', 'Write', 'Task', 'Bash']));
    expect(JSON.stringify(first.system)).toMatch(/five steps, in order/);
    expect(first.system).toEqual(srv.messageRequests[5].body.system);
    expect(resultsOf(srv, 1)[0].content).toMatch(/Current step: 'design'/);
  });

  it('refuses a Handoff before the steps, a step out of order, an empty skip reason and an unknown target, each with instructions', async () => {
    const { result, server: srv } = await run([
      toolTurn([toolUse('Handoff', { to: 'terminal', summary: 'too early' })]),
      step('secure'),
      step('analyze', 'skipped', ''),
      ...FIVE,
      toolTurn([toolUse('Handoff', { to: 'deployer', summary: 's' })]),
      toolTurn([toolUse('Handoff', { to: 'workflow-orchestrator', summary: 's', open_tasks: [{ id: 'T1', agent: 'security-scanner', description: 'scan the image', dependencies: [], context: '' }] })]),
    ]);
    expect(resultsOf(srv, 1)[0]).toMatchObject({ is_error: true, content: expect.stringMatching(/not done or skipped yet: analyze, design, secure, optimize, deploy/) });
    expect(resultsOf(srv, 2)[0]).toMatchObject({ is_error: true, content: expect.stringMatching(/'secure' is out of order: the current step is 'analyze'/) });
    expect(resultsOf(srv, 3)[0]).toMatchObject({ is_error: true, content: expect.stringMatching(/Skipping 'analyze' needs the reason/) });
    expect(resultsOf(srv, 9)[0]).toMatchObject({ is_error: true, content: expect.stringMatching(/Unknown handoff target 'deployer'/) });
    expect(result.subtype).toBe('success');
    expect((result.handoff as any).open_tasks[0]).toEqual({ id: 'T1', agent: 'security-scanner', description: 'scan the image', dependencies: [], context: '' });
  });

  it('a turn without a Handoff gets two reminders, then error_no_handoff', async () => {
    const { result, server: srv } = await run([step('analyze'), endTurn('I am done'), endTurn('really done'), endTurn('still done')]);
    expect(result.subtype).toBe('error_no_handoff');
    expect(result.is_error).toBe(true);
    const reminder = srv.messageRequests[2].body.messages.at(-1).content[0].text;
    expect(reminder).toMatch(/Still missing: the steps design, secure, optimize, deploy/);
    expect(srv.messageRequests).toHaveLength(4);
  });

  it('the analyze step is read-only: a Write is denied until analyze is recorded', async () => {
    const { result, cwd, server: srv } = await run([
      toolTurn([toolUse('Write', { file_path: 'early.txt', content: 'x' })]),
      step('analyze'),
      toolTurn([toolUse('Write', { file_path: 'late.txt', content: 'y' })]),
      endTurn('stop'), endTurn('stop'), endTurn('stop'),
    ]);
    expect(resultsOf(srv, 1)[0]).toMatchObject({ is_error: true, content: expect.stringMatching(/'analyze' step is read-only/) });
    expect(result.permission_denials.map((d) => d.tool_name)).toEqual(['Write']);
    const { existsSync } = await import('node:fs');
    expect(existsSync(path.join(cwd, 'early.txt'))).toBe(false);
    expect(existsSync(path.join(cwd, 'late.txt'))).toBe(true);
  });
});

describe('runtime state', () => {
  it('the agent cannot write its own session journal', async () => {
    const { result } = await run([
      step('analyze'),
      toolTurn([toolUse('Write', { file_path: '.docker-expert/sessions/forged/journal.jsonl', content: '{}' })]),
      endTurn('stop'), endTurn('stop'), endTurn('stop'),
    ]);
    expect(result.permission_denials).toEqual([expect.objectContaining({ tool_name: 'Write', reason: expect.stringMatching(/Edit\(\/\.docker-expert\/\*\*\)/) })]);
  });
});

describe('Task delegation', () => {
  it('runs the sub-agent with its own prompt and tools, keeps the parent\'s denials, and returns its final text', async () => {
    const { result, server: srv } = await run([
      toolTurn([toolUse('Task', { description: 'look around', prompt: 'List the files', subagent_type: 'helper' })]),
      // the helper's own loop
      toolTurn([toolUse('Bash', { command: 'kubectl get pods' })], undefined, { usage: { output_tokens: 1000 } }),
      endTurn('helper report: one file', { usage: { output_tokens: 2000 } }),
      // back in the lead
      ...FIVE,
      toolTurn([toolUse('Handoff', { to: 'terminal', summary: 'done with help' })]),
    ]);
    expect(result.subtype).toBe('success');
    const child = srv.messageRequests[1].body;
    expect(JSON.stringify(child.system)).toMatch(/You are the helper test agent/);
    expect(JSON.stringify(child.system)).not.toMatch(/lead test agent/);
    expect(child.model).toBe('claude-haiku-4-5');
    expect(child.tools.map((t: any) => t.name).sort()).toEqual(['Bash', 'Read', 'Task']);
    // `kubectl get` is fine for the helper's own Bash, but its parent may only run docker: denied
    expect(resultsOf(srv, 2)[0]).toMatchObject({ is_error: true, content: expect.stringMatching(/parent agent may not/) });
    expect(resultsOf(srv, 3)[0]).toMatchObject({ content: 'helper report: one file' });
    expect(result.num_turns).toBe(7);
    // the helper's 3,000 output tokens roll up into the lead's totals
    expect(result.usage.output_tokens).toBeGreaterThanOrEqual(3000);
  });

  it('refuses to nest past --max-task-depth', async () => {
    const { server: srv } = await run(
      [
        toolTurn([toolUse('Task', { description: 'a', prompt: 'go deeper', subagent_type: 'helper' })]),
        toolTurn([toolUse('Task', { description: 'b', prompt: 'deeper still', subagent_type: 'helper' })]),
        endTurn('could not nest'),
        endTurn('stop'), endTurn('stop'), endTurn('stop'),
      ],
      { maxTaskDepth: 1 },
    );
    expect(resultsOf(srv, 2)[0]).toMatchObject({ is_error: true, content: expect.stringMatching(/nest 1 level/) });
  });
});

describe('--follow-handoffs', () => {
  it('runs the handoff target next with the handoff as its task and returns the chain', async () => {
    const { followHandoffs } = await import('../../agent/start.js');
    server = await startScriptedServer([
      ...FIVE,
      toolTurn([toolUse('Handoff', { to: 'workflow-orchestrator', summary: 'Lead report: Dockerfile written.', open_tasks: [{ id: 'T1', agent: 'security-scanner', description: 'scan', dependencies: [], context: 'image app:dev' }] })]),
      ...FIVE,
      toolTurn([toolUse('Handoff', { to: 'terminal', summary: 'Plan: T1 by security-scanner.' })]),
    ]);
    const cwd = project();
    const options = { agent: 'lead', task: 'do the thing', cwd, env: { ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: server.url }, mcp: false };
    const result = await followHandoffs(await startRun(options), options);
    expect(result.subtype).toBe('success');
    expect(result.result).toBe('Plan: T1 by security-scanner.');
    expect(result.chain).toHaveLength(1);
    expect((result.chain![0].handoff as any).to).toBe('workflow-orchestrator');
    expect(result.num_turns).toBe(12);
    const second = server.messageRequests[6].body;
    expect(second.model).toBe('claude-opus-5-5');
    expect(JSON.stringify(second.system)).toMatch(/task decomposer/);
    expect(second.messages[0].content[0].text).toMatch(/lead handed this work off to you[\s\S]*Lead report: Dockerfile written[\s\S]*"open_tasks"/);
  });
});
