import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startRun } from '../../agent/start.js';
import type { AgentEvent } from '../../agent/events.js';
import { checkPaths } from '../../tools/analyzers/index.js';

function copyExample(name: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `de-offline-${name}-`));
  cpSync(path.resolve('examples', name), dir, { recursive: true });
  return dir;
}

async function offlineRun(task: string, cwd: string, extra: Record<string, unknown> = {}) {
  const events: AgentEvent[] = [];
  const notices: string[] = [];
  const run = await startRun({ agent: 'docker-expert', task, cwd, env: {}, onEvent: (e) => events.push(e), onNotice: (m) => notices.push(m), ...extra });
  return { result: await run.result, events, notices };
}

describe('the offline expert', () => {
  it('containerizes a Node app through the five steps and hands off with artifacts and verification', async () => {
    const cwd = copyExample('node-api');
    const { result, events, notices } = await offlineRun('containerize this app', cwd);
    expect(notices.join('\n')).toMatch(/offline expert/);
    expect(result.subtype).toBe('success');
    expect(result.model).toBe('offline');
    expect(result.workflow.map((s) => s.step)).toEqual(['analyze', 'design', 'secure', 'optimize', 'deploy']);
    expect(result.workflow[1].status).toBe('done');
    expect(result.workflow[4]).toMatchObject({ status: 'skipped' });
    const handoff = result.handoff as any;
    expect(handoff.to).toBe('terminal');
    expect(handoff.artifacts.map((a: any) => a.path).sort()).toEqual(['.dockerignore', 'Dockerfile']);
    expect(handoff.verification.find((v: any) => v.file === 'Dockerfile').counts).toMatchObject({ error: 0, warning: 0 });
    expect(existsSync(path.join(cwd, 'Dockerfile'))).toBe(true);
    // the printed report carries the five steps and what to run next
    expect(result.result).toMatch(/Workflow:\n1\. analyze: done - [\s\S]*\n5\. deploy: skipped - /);
    expect(result.result).toMatch(/Next commands:\n  docker build -t node-api:dev /);
    const report = await checkPaths([cwd]);
    expect(report.findings.filter((f) => f.severity === 'error' || f.severity === 'warning')).toEqual([]);
    // every action went through tools: Glob, Read, Write, WorkflowStep, Handoff
    const tools = new Set(events.filter((e) => e.type === 'tool_start').map((e: any) => e.name));
    for (const t of ['Glob', 'Read', 'Write', 'WorkflowStep', 'Handoff']) expect(tools).toContain(t);
  });

  it('reviews a poor Dockerfile and reports hadolint ids without changing it', async () => {
    const cwd = copyExample('poor-dockerfile');
    const before = readFileSync(path.join(cwd, 'Dockerfile'), 'utf8');
    const { result } = await offlineRun('review the Dockerfile', cwd);
    expect(result.subtype).toBe('success');
    const rules = (result.handoff as any).findings.map((f: any) => f.rule);
    expect(rules).toEqual(expect.arrayContaining(['DL3007', 'DL3020']));
    expect(result.result).toMatch(/DL3007/);
    expect(readFileSync(path.join(cwd, 'Dockerfile'), 'utf8')).toBe(before);
  });

  it('hardens a poor Dockerfile with safe fixes when asked to fix it', async () => {
    const cwd = copyExample('poor-dockerfile');
    const { result } = await offlineRun('fix and harden the Dockerfile', cwd);
    expect(result.subtype).toBe('success');
    const after = readFileSync(path.join(cwd, 'Dockerfile'), 'utf8');
    expect(after).not.toMatch(/^ADD /m);
    // The secret values the expert saw only as [REDACTED:…] placeholders are still the real ones.
    expect(after).toContain('ENV DB_PASSWORD=changeme-not-a-real-password');
    expect(after).not.toContain('[REDACTED:');
    expect((result.handoff as any).artifacts.find((a: any) => a.path === 'Dockerfile').changed).toBe(true);
    expect(result.result).toMatch(/Fixes applied/);
  });

  it('in plan mode writes nothing and says the writes were refused', async () => {
    const cwd = copyExample('python-web');
    const { result } = await offlineRun('containerize this app', cwd, { permissionMode: 'plan' });
    expect(existsSync(path.join(cwd, 'Dockerfile'))).toBe(false);
    expect(result.permission_denials.length).toBeGreaterThan(0);
    expect(result.result).toMatch(/Could not write Dockerfile/);
    // No Dockerfile for a containerize task: the report comes back, and the run is a failure (exit 1).
    expect(result.subtype).toBe('error_during_execution');
    expect((result.handoff as any).outcome).toBe('failed');
  });

  for (const example of ['python-web', 'go-service']) {
    it(`containerizes ${example} with nothing at warning or above`, async () => {
      const cwd = copyExample(example);
      const { result } = await offlineRun('containerize this app', cwd);
      expect(result.subtype).toBe('success');
      expect(result.result).not.toMatch(/failed/);
      expect(existsSync(path.join(cwd, 'Dockerfile'))).toBe(true);
      const report = await checkPaths([cwd]);
      expect(report.findings.filter((f) => f.severity === 'error' || f.severity === 'warning')).toEqual([]);
    });
  }

  it('a generator failure becomes a note in the report and a failed run (no Dockerfile), never a crash', async () => {
    const cwd = copyExample('node-api');
    const kit = await (await import('../../agent/models/offline/kit.js')).defaultKit();
    const { createOfflineProvider } = await import('../../agent/models/offline/provider.js');
    const provider = createOfflineProvider({ cwd, task: 'containerize this app', handoffTargets: ['terminal'], kit: { ...kit, containerFiles: async () => { throw new Error('boom'); } } });
    const { result } = await offlineRun('containerize this app', cwd, { provider });
    expect(result.subtype).toBe('error_during_execution');
    expect(result.result).toMatch(/Generating the Dockerfile failed: boom/);
    expect(result.result).toMatch(/No Dockerfile was written/);
    expect(existsSync(path.join(cwd, 'Dockerfile'))).toBe(false);
  });

  it('finds the Dockerfile in a project with more files than Glob lists', async () => {
    const cwd = copyExample('poor-dockerfile');
    const { mkdirSync, writeFileSync, utimesSync } = await import('node:fs');
    utimesSync(path.join(cwd, 'Dockerfile'), new Date(2000, 0, 1), new Date(2000, 0, 1));
    mkdirSync(path.join(cwd, 'src'));
    for (let i = 0; i < 150; i++) writeFileSync(path.join(cwd, 'src', `m${i}.js`), `export const x${i} = ${i};\n`);
    const { result } = await offlineRun('review the Dockerfile', cwd);
    expect((result.handoff as any).findings.map((f: any) => f.rule)).toContain('DL3007');
  });
});
