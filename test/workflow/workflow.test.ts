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
import type { PermissionGate } from '../../agent/permissions/types.js';
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
  it('bounds concurrency, wakes waiters in order, and drops a waiter whose run was aborted', async () => {
    const { Limiter } = await import('../../agent/task-tool.js');
    const limiter = new Limiter(1);
    const first = await limiter.acquire();
    const abort = new AbortController();
    const aborted = limiter.acquire(abort.signal);
    const order: string[] = [];
    const second = limiter.acquire().then((release) => (order.push('second'), release));
    abort.abort(new Error('gone'));
    await expect(aborted).rejects.toThrow('gone');
    first();
    const release = await second;
    expect(order).toEqual(['second']);
    release();
    release();
    const again = await limiter.acquire();
    again();
  });
});
