import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { workflowGate } from '../../handoffs/gate.js';
import { HANDOFF_TOOL, workflowTools } from '../../handoffs/tools.js';
import { collectArtifacts, verifyArtifacts } from '../../handoffs/verification.js';
import { Workflow } from '../../handoffs/workflow.js';
import { STEPS } from '../../handoffs/steps.js';
import type { PermissionGate } from '../../permissions/types.js';
import type { ToolContext } from '../../tools/tool.js';

const TARGETS = ['workflow-orchestrator', 'terminal'];
const ctx = {} as ToolContext;
const allSteps = (w: Workflow) => STEPS.forEach((step) => expect(w.recordStep({ step, status: 'done', summary: `${step} ok` }).ok).toBe(true));

describe('Workflow state', () => {
  it('walks the five steps in order, then accepts a terminal handoff', () => {
    const w = new Workflow(TARGETS);
    expect(w.current).toBe('analyze');
    allSteps(w);
    expect(w.current).toBeUndefined();
    expect(w.checkHandoff({ to: 'terminal', summary: 'done' })).toEqual({ ok: true, message: "Handoff to 'terminal' accepted." });
  });

  it('refuses a step out of order, naming the current one', () => {
    const w = new Workflow(TARGETS);
    const v = w.recordStep({ step: 'secure', status: 'done', summary: 'x' });
    expect(v.ok).toBe(false);
    expect(!v.ok && v.error).toMatch(/'secure' is out of order: the current step is 'analyze'/);
  });

  it('refuses a skip with an empty reason, and a step recorded twice', () => {
    const w = new Workflow(TARGETS);
    const v = w.recordStep({ step: 'analyze', status: 'skipped', summary: '   ' });
    expect(!v.ok && v.error).toMatch(/Skipping 'analyze' needs the reason/);
    expect(w.recordStep({ step: 'analyze', status: 'skipped', summary: 'nothing to read' }).ok).toBe(true);
    expect(w.recordStep({ step: 'analyze', status: 'done', summary: 'again' })).toEqual({ ok: false, error: expect.stringMatching(/already skipped/) });
  });

  it('refuses a Handoff before every step is done, naming the missing ones', () => {
    const w = new Workflow(TARGETS);
    w.recordStep({ step: 'analyze', status: 'done', summary: 'a' });
    w.recordStep({ step: 'design', status: 'done', summary: 'd' });
    const v = w.checkHandoff({ to: 'terminal', summary: 's' });
    expect(!v.ok && v.error).toMatch(/not done or skipped yet: secure, optimize, deploy/);
  });

  it('refuses an unknown target and an orchestrator handoff without valid open_tasks', () => {
    const w = new Workflow(TARGETS);
    allSteps(w);
    expect(w.checkHandoff({ to: 'deployer', summary: 's' })).toEqual({ ok: false, error: expect.stringMatching(/Unknown handoff target 'deployer'.*workflow-orchestrator or terminal/) });
    expect(w.checkHandoff({ to: 'workflow-orchestrator', summary: 's' })).toEqual({ ok: false, error: expect.stringMatching(/must carry open_tasks/) });
    const task = (id: string, dependencies: string[] = []) => ({ id, agent: 'security-scanner', description: 'scan', dependencies, context: '' });
    expect(w.checkHandoff({ to: 'workflow-orchestrator', summary: 's', open_tasks: [task('T1'), task('T1')] }).ok).toBe(false);
    expect(w.checkHandoff({ to: 'workflow-orchestrator', summary: 's', open_tasks: [task('T1', ['T9'])] })).toEqual({ ok: false, error: expect.stringMatching(/depends on 'T9'/) });
    expect(w.checkHandoff({ to: 'workflow-orchestrator', summary: 's', open_tasks: [task('T1'), task('T2', ['T1'])] }).ok).toBe(true);
  });

  it('reminds twice, then fails', () => {
    const w = new Workflow(TARGETS);
    const first = w.onTurnEnd();
    expect(first.action).toBe('remind');
    expect(first.action === 'remind' && first.message).toMatch(/analyze, design, secure, optimize, deploy/);
    expect(w.onTurnEnd().action).toBe('remind');
    expect(w.onTurnEnd().action).toBe('fail');
    const zero = new Workflow(TARGETS, 0);
    expect(zero.onTurnEnd().action).toBe('fail');
  });
});

describe('Workflow state: exact verdicts', () => {
  const task = (id: string, dependencies: string[] = []) => ({ id, agent: 'security-scanner', description: 'scan', dependencies, context: '' });

  it('names the current step when a step is repeated, and says to hand off once all are recorded', () => {
    const w = new Workflow(TARGETS);
    expect(w.recordStep({ step: 'analyze', status: 'done', summary: '  read it  ' })).toEqual({ ok: true, message: "Step 'analyze' recorded as done. Current step: 'design'." });
    expect(w.steps).toEqual([{ step: 'analyze', status: 'done', summary: 'read it' }]);
    expect(w.recordStep({ step: 'analyze', status: 'done', summary: 'x' })).toEqual({ ok: false, error: "Step 'analyze' is already done. The current step is design." });
    for (const step of ['design', 'secure', 'optimize'] as const) w.recordStep({ step, status: 'skipped', summary: 'n/a' });
    expect(w.recordStep({ step: 'deploy', status: 'skipped', summary: 'n/a' })).toEqual({ ok: true, message: "Step 'deploy' recorded as skipped. All five steps are recorded: call Handoff now." });
    expect(w.missing).toEqual([]);
    expect(w.recordStep({ step: 'deploy', status: 'done', summary: 'x' })).toEqual({ ok: false, error: "Step 'deploy' is already skipped. The current step is none: call Handoff." });
  });

  it('gives the order of the steps when one is out of order, and asks for a summary of a done step', () => {
    const w = new Workflow(TARGETS);
    expect(w.recordStep({ step: 'design', status: 'done', summary: 'x' })).toEqual({
      ok: false,
      error: "Step 'design' is out of order: the current step is 'analyze'. Steps go analyze -> design -> secure -> optimize -> deploy; finish 'analyze' with WorkflowStep (status 'done', or 'skipped' with the reason in summary) first.",
    });
    expect(w.recordStep({ step: 'analyze', status: 'done', summary: ' \n ' })).toEqual({ ok: false, error: "Step 'analyze' needs a summary of what it found or did." });
    expect(w.steps).toEqual([]);
  });

  it('records nothing after the handoff, and accepts only one Handoff', async () => {
    const w = new Workflow(TARGETS);
    allSteps(w);
    const [, handoff] = workflowTools(w);
    expect(await handoff.call({ to: 'terminal', summary: 'first' }, ctx)).toEqual({ content: "Handoff to 'terminal' accepted.", endsRun: true });
    expect(await handoff.call({ to: 'terminal', summary: 'second' }, ctx)).toEqual({ content: 'A Handoff was already accepted.', isError: true });
    expect(w.handoff?.summary).toBe('first');
    expect(w.checkHandoff({ to: 'terminal', summary: 'third' })).toEqual({ ok: false, error: 'A Handoff was already accepted.' });
    expect(w.recordStep({ step: 'analyze', status: 'done', summary: 'late' })).toEqual({ ok: false, error: 'The run has already handed off; no further steps are recorded.' });
    expect(w.steps).toHaveLength(5);
    expect(w.onTurnEnd()).toEqual({ action: 'done' });
  });

  it('a step recorded after the handoff is refused even while steps are still missing', () => {
    const w = new Workflow(TARGETS);
    w.accept({ to: 'terminal', summary: 'given up' });
    expect(w.recordStep({ step: 'analyze', status: 'done', summary: 'x' })).toEqual({ ok: false, error: 'The run has already handed off; no further steps are recorded.' });
    expect(w.steps).toEqual([]);
  });

  it('refuses open tasks that depend on themselves or on each other in a cycle', () => {
    const w = new Workflow(TARGETS);
    allSteps(w);
    const to = 'workflow-orchestrator';
    expect(w.checkHandoff({ to, summary: 's', open_tasks: [task('T1', ['T1'])] })).toEqual({ ok: false, error: "Handoff to 'workflow-orchestrator' refused: open task 'T1' depends on itself." });
    expect(w.checkHandoff({ to, summary: 's', open_tasks: [task('T1', ['T2']), task('T2', ['T1'])] })).toEqual({
      ok: false,
      error: "Handoff to 'workflow-orchestrator' refused: open tasks T1, T2 can never start: their dependencies go round in a cycle.",
    });
    expect(w.checkHandoff({ to, summary: 's', open_tasks: [task('A'), task('B', ['A', 'D']), task('C', ['B']), task('D', ['C']), task('E', ['D']), task('F', ['A'])] })).toEqual({
      ok: false,
      error: "Handoff to 'workflow-orchestrator' refused: open tasks B, C, D, E can never start: their dependencies go round in a cycle.",
    });
    // Tasks listed before the ones they depend on are fine.
    expect(w.checkHandoff({ to, summary: 's', open_tasks: [task('C', ['B']), task('B', ['A']), task('A')] })).toEqual({ ok: true, message: "Handoff to 'workflow-orchestrator' accepted." });
    expect(w.checkHandoff({ to, summary: 's', open_tasks: [task('T1', ['T9'])] })).toEqual({ ok: false, error: "Handoff to 'workflow-orchestrator' refused: open task 'T1' depends on 'T9', which is not in open_tasks." });
    expect(w.checkHandoff({ to, summary: 's', open_tasks: [task('T1'), task('T1')] })).toEqual({ ok: false, error: "Handoff to 'workflow-orchestrator' refused: open_tasks has the id 'T1' twice." });
    // A diamond shares dependencies without a cycle; a terminal handoff carries no tasks to check.
    expect(w.checkHandoff({ to, summary: 's', open_tasks: [task('A'), task('B', ['A']), task('C', ['A']), task('D', ['B', 'C'])] })).toEqual({ ok: true, message: "Handoff to 'workflow-orchestrator' accepted." });
    expect(w.checkHandoff({ to: 'terminal', summary: 's', open_tasks: [task('T1', ['T1'])] })).toEqual({ ok: true, message: "Handoff to 'terminal' accepted." });
  });

  it('reminds with what is missing and the targets, then fails counting every turn that ended without a Handoff', () => {
    const w = new Workflow(TARGETS);
    expect(w.onTurnEnd()).toEqual({
      action: 'remind',
      message: "You ended your turn without handing off. Still missing: the steps analyze, design, secure, optimize, deploy (WorkflowStep, in order) and then a Handoff. Finish them now; Handoff's 'to' is one of: workflow-orchestrator, terminal.",
    });
    allSteps(w);
    expect(w.onTurnEnd()).toEqual({
      action: 'remind',
      message: "You ended your turn without handing off. Still missing: a Handoff (every step is recorded). Finish them now; Handoff's 'to' is one of: workflow-orchestrator, terminal.",
    });
    expect(w.onTurnEnd()).toEqual({ action: 'fail', message: 'The agent ended its turn 3 times without a Handoff; still missing: a Handoff (every step is recorded).' });
    const once = new Workflow(TARGETS, 1);
    once.onTurnEnd();
    expect(once.onTurnEnd()).toEqual({ action: 'fail', message: 'The agent ended its turn 2 times without a Handoff; still missing: the steps analyze, design, secure, optimize, deploy (WorkflowStep, in order) and then a Handoff.' });
  });
});

describe('WorkflowStep and Handoff tools', () => {
  it('tell the model the next step and end the run on an accepted handoff', async () => {
    const w = new Workflow(TARGETS);
    const [step, handoff] = workflowTools(w);
    const r = await step.call({ step: 'analyze', status: 'done', summary: 'read the app' }, ctx);
    expect(r.isError).toBeFalsy();
    expect(r.content).toMatch(/Current step: 'design'/);
    expect(r.content).toMatch(/Step 2 of 5, design/);
    const early = await handoff.call({ to: 'terminal', summary: 's' }, ctx);
    expect(early).toEqual({ content: expect.stringMatching(/design, secure, optimize, deploy/), isError: true });
    for (const s of ['design', 'secure', 'optimize', 'deploy'] as const) await step.call({ step: s, status: 'skipped', summary: 'n/a' }, ctx);
    const bad = await handoff.call(handoff.inputSchema.parse({ to: 'nowhere', summary: 's' }), ctx);
    expect(bad.isError).toBe(true);
    const ok = await handoff.call(handoff.inputSchema.parse({ to: 'terminal', summary: 'all good' }), ctx);
    expect(ok).toEqual({ content: "Handoff to 'terminal' accepted.", endsRun: true });
    expect(handoff.name).toBe(HANDOFF_TOOL);
  });
});

describe('workflow gate', () => {
  const allowAll: PermissionGate = { check: async () => ({ behavior: 'allow', reason: 'ok' }) };
  it('denies changes during analyze and defers to the inner gate afterwards', async () => {
    const w = new Workflow(TARGETS);
    const gate = workflowGate(allowAll, w);
    const write = { toolName: 'Write', toolUseId: 't1', input: {}, readOnly: false };
    expect((await gate.check(write)).behavior).toBe('deny');
    expect((await gate.check({ ...write, toolName: 'Read', readOnly: true })).behavior).toBe('allow');
    w.recordStep({ step: 'analyze', status: 'done', summary: 'a' });
    expect((await gate.check(write)).behavior).toBe('allow');
  });
});

describe('verification', () => {
  it('hashes changed files, keeps named existing ones, drops outside paths, and attaches analyzer findings', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'de-verify-'));
    writeFileSync(path.join(dir, 'Dockerfile'), 'FROM node\n');
    writeFileSync(path.join(dir, 'README.md'), 'hi\n');
    const artifacts = await collectArtifacts(dir, [path.join(dir, 'Dockerfile')], ['README.md', '../etc/passwd', 'missing.txt']);
    expect(artifacts).toEqual([
      { path: 'Dockerfile', sha256: createHash('sha256').update('FROM node\n').digest('hex'), bytes: 10, changed: true },
      { path: 'README.md', sha256: expect.stringMatching(/^[0-9a-f]{64}$/), bytes: 3, changed: false },
    ]);
    const records = await verifyArtifacts(dir, artifacts, async (paths) => ({
      files: paths.map((p) => ({ path: p, kind: p.endsWith('Dockerfile') ? 'dockerfile' : 'unknown' })),
      findings: [{ rule: 'DL3006', severity: 'warning', message: 'untagged', file: path.join(dir, 'Dockerfile'), line: 1, column: 1, aliases: [] }],
    }));
    expect(records).toEqual([{ file: 'Dockerfile', kind: 'dockerfile', findings: [{ rule: 'DL3006', severity: 'warning', message: 'untagged', line: 1, column: 1 }], counts: { error: 0, warning: 1, info: 0, style: 0 } }]);
  });
});

describe('Task limiter', () => {
  /** Lets every settled promise run its callbacks (the limiter wakes waiters through promise callbacks only). */
  const settle = () => new Promise<void>((r) => setImmediate(r));

  it('holds at most `max` slots, wakes waiters in order, and a double release frees one slot', async () => {
    const { Limiter } = await import('../../agent/task-tool.js');
    const limiter = new Limiter(2);
    const got: string[] = [];
    const take = (name: string) => limiter.acquire().then((release) => (got.push(name), release));
    const a = await take('a');
    const b = await take('b');
    const c = take('c');
    const d = take('d');
    await settle();
    expect(got).toEqual(['a', 'b']);
    a();
    a();
    await settle();
    expect(got).toEqual(['a', 'b', 'c']);
    b();
    await settle();
    expect(got).toEqual(['a', 'b', 'c', 'd']);
    const e = take('e');
    await settle();
    expect(got).toHaveLength(4);
    (await c)();
    await e;
    (await d)();
    expect(got).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('drops a waiter whose run was aborted, and gives its turn to the next one', async () => {
    const { Limiter } = await import('../../agent/task-tool.js');
    const limiter = new Limiter(1);
    const first = await limiter.acquire();
    const abort = new AbortController();
    const aborted = limiter.acquire(abort.signal);
    const order: string[] = [];
    const second = limiter.acquire().then((release) => (order.push('second'), release));
    abort.abort(new Error('gone'));
    await expect(aborted).rejects.toThrow('gone');
    await settle();
    expect(order).toEqual([]);
    first();
    const release = await second;
    expect(order).toEqual(['second']);
    const third = limiter.acquire().then(() => order.push('third'));
    await settle();
    expect(order).toEqual(['second']);
    release();
    await third;
    expect(order).toEqual(['second', 'third']);
  });
});
