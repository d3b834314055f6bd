import { chmodSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addAllowRule, allowRuleFor, SettingsWriteError } from '../../cli/chat/settings-local.js';
import { LineQueue } from '../../cli/chat/line-queue.js';
import { chatApprover, MAX_APPROVAL_ATTEMPTS } from '../../cli/chat/approver.js';

function project(settings?: string) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'de-settings-'));
  if (settings !== undefined) {
    mkdirSync(path.join(dir, '.claude'));
    writeFileSync(path.join(dir, '.claude', 'settings.local.json'), settings);
  }
  return { dir, file: path.join(dir, '.claude', 'settings.local.json') };
}

describe('addAllowRule', () => {
  it('creates the file, then merges without losing anything and without duplicates', () => {
    const { dir, file } = project();
    expect(addAllowRule(dir, 'Bash(docker rm x)')).toEqual({ file, added: true });
    writeFileSync(file, JSON.stringify({ permissions: { allow: ['Read'], deny: ['Bash(rm:*)'], defaultMode: 'plan' }, hooks: { a: 1 } }));
    chmodSync(file, 0o640);
    expect(addAllowRule(dir, 'Bash(docker rm x)').added).toBe(true);
    expect(addAllowRule(dir, 'Bash(docker rm x)').added).toBe(false);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ permissions: { allow: ['Read', 'Bash(docker rm x)'], deny: ['Bash(rm:*)'], defaultMode: 'plan' }, hooks: { a: 1 } });
    expect(statSync(file).mode & 0o777).toBe(0o640);
  });

  it('refuses a malformed file, naming its line, and leaves it byte for byte', () => {
    const text = '{\n  "permissions": {\n    "allow": ["Read",]\n  }\n}\n';
    const { dir, file } = project(text);
    expect(() => addAllowRule(dir, 'Bash(x)')).toThrow(SettingsWriteError);
    expect(() => addAllowRule(dir, 'Bash(x)')).toThrow(`${file}:3: invalid JSON`);
    expect(readFileSync(file, 'utf8')).toBe(text);
    const wrong = project('{"permissions":{"allow":"Read"}}');
    expect(() => addAllowRule(wrong.dir, 'Bash(x)')).toThrow(/permissions.allow is not a list of strings/);
    expect(readFileSync(wrong.file, 'utf8')).toBe('{"permissions":{"allow":"Read"}}');
  });
});

describe('allowRuleFor', () => {
  const req = (toolName: string, input: unknown) => ({ toolName, toolUseId: 't', input, readOnly: false });
  it('gives the narrowest rule, and none for what an exact rule cannot describe', () => {
    expect(allowRuleFor(req('Bash', { command: ' docker rm old ' }), '/p')).toBe('Bash(docker rm old)');
    expect(allowRuleFor(req('Bash', { command: 'docker rm a && rm -rf /' }), '/p')).toBeUndefined();
    expect(allowRuleFor(req('Bash', { command: 'docker rm $(docker ps -q)' }), '/p')).toBeUndefined();
    expect(allowRuleFor(req('Write', { file_path: '/p/Dockerfile' }), '/p')).toBe('Edit(/Dockerfile)');
    expect(allowRuleFor(req('Edit', { file_path: '/elsewhere/f' }), '/p')).toBe('Edit(//elsewhere/f)');
    expect(allowRuleFor(req('Write', { file_path: '/p/*.yaml' }), '/p')).toBeUndefined();
    expect(allowRuleFor(req('mcp__ref__search', {}), '/p')).toBe('mcp__ref__search');
  });
});

describe('LineQueue', () => {
  it('hands lines out in order, a cancelled wait gets null, and the end gives null', async () => {
    const q = new LineQueue();
    q.push('a');
    expect(await q.next()).toBe('a');
    const waiting = q.next();
    q.cancel();
    expect(await waiting).toBeNull();
    q.push('b');
    q.end();
    expect(await q.next()).toBe('b');
    expect(await q.next()).toBeNull();
  });
});

describe('chatApprover', () => {
  const req = { toolName: 'Bash', toolUseId: 't', input: { command: 'docker rm x' }, readOnly: false };
  const decision = { behavior: 'ask' as const, reason: 'needs approval' };
  const approverWith = (answers: (string | null)[], cwd = project().dir) => {
    const said: string[] = [];
    const approver = chatApprover({ cwd, always: new Set(), say: (l) => said.push(l), ask: async () => (answers.length ? answers.shift()! : null) });
    return { approver, said };
  };

  it(`declines after ${MAX_APPROVAL_ATTEMPTS} unclear answers, and accepts a clear one on the last attempt`, async () => {
    const unclear = Array.from({ length: MAX_APPROVAL_ATTEMPTS }, () => 'maybe');
    expect(await approverWith([...unclear]).approver(req, decision)).toBe('deny');
    expect(await approverWith([...unclear.slice(1), 'y']).approver(req, decision)).toBe('allow');
    expect(await approverWith([null]).approver(req, decision)).toBe('deny');
    const once = chatApprover({ cwd: project().dir, always: new Set(), say: () => {}, maxAttempts: 1, ask: async () => 'maybe' });
    expect(await once(req, decision)).toBe('deny');
  });

  it('remembers "always" for the session even when the settings file cannot be written', async () => {
    const { dir, file } = project('not json');
    const { approver, said } = approverWith(['a'], dir);
    expect(await approver(req, decision)).toBe('always');
    expect(await approver(req, decision)).toBe('allow');
    expect(said.join('\n')).toMatch(/approved for this session only; the rule was not saved: .*settings.local.json:1: invalid JSON/);
    expect(readFileSync(file, 'utf8')).toBe('not json');
  });
});
