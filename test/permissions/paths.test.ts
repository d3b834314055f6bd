import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPermissionGate } from '../../permissions/index.js';
import { guardedWriteReason, isInside, isSecretPath, MAX_SYMLINK_HOPS, realPathOf, resolvePath } from '../../permissions/paths.js';
import { makeFixture } from '../firewall/fixture.js';
import type { Fixture } from '../firewall/fixture.js';
import { seedDefinition } from '../firewall/harness.js';

let fx: Fixture;
beforeAll(() => {
  fx = makeFixture();
  mkdirSync(path.join(fx.proj, '.git', 'hooks'), { recursive: true });
  mkdirSync(path.join(fx.proj, '.claude'), { recursive: true });
  symlinkSync(path.join(fx.root, 'outside-new.txt'), path.join(fx.proj, 'dangling-out'));
  symlinkSync('link-out/..', path.join(fx.proj, 'climb'));
  symlinkSync('loop-b', path.join(fx.proj, 'loop-a'));
  symlinkSync('loop-a', path.join(fx.proj, 'loop-b'));
  writeFileSync(path.join(fx.root, 'outside.txt'), 'x');
});
afterAll(() => fx.cleanup());

const gate = (extra: Parameters<typeof createPermissionGate>[0] extends infer O ? Partial<O> : never = {}) =>
  createPermissionGate({ definition: seedDefinition(), cwd: fx.proj, home: fx.home, ...extra });

async function decide(toolName: string, input: Record<string, unknown>, extra = {}) {
  return gate(extra).check({ toolName, toolUseId: 't', input, readOnly: toolName === 'Read' || toolName === 'Grep' || toolName === 'Glob' });
}

describe('path confinement (Read/Grep/Glob/Write/Edit)', () => {
  it.each([
    ['/etc/passwd', /outside the project/],
    ['../x', /outside the project/],
    ['../proj_evil/x.txt', /outside the project/],
    ['link-out/passwd', /outside the project/],
    ['climb/etc/passwd', /outside the project/],
    ['~/.bashrc', /outside the project/],
    ['~', /outside the project/],
    ['evil-dir/x.txt', /outside the project/],
    ['key-link', /outside the project/],
    ['.env', /secret file/],
    ['certs/server.key', /secret file/],
    ['loop-a', /too many symbolic links/],
    ['~root/x', /only '~'/],
    ['//etc/passwd', /outside the project/],
    ['/./etc/../etc/passwd', /outside the project/],
    ['notes.txt/../../proj_evil/x.txt', /outside the project/],
    ['.ENV', /secret file/],
    ['a\0b', /NUL/],
  ])('Read %j is refused', async (p, why) => {
    const d = await decide('Read', { file_path: p });
    expect(d.behavior).toBe('deny');
    expect(d.reason).toMatch(why);
  });

  it('follows links again once `..` climbs out of a folder that does not exist (the tools create it, then climb)', async () => {
    for (const tool of ['Read', 'Write'] as const) {
      const d = await decide(tool, { file_path: 'no-such-dir/../link-out/passwd', content: 'x' }, { mode: 'acceptEdits' });
      expect(d.behavior, tool).toBe('deny');
      expect(d.reason, tool).toMatch(/\(really \/etc\/passwd\) is outside the project/);
    }
    expect(realPathOf(`${fx.proj}/no-such-dir/deeper/../../link-out/hosts`)).toBe('/etc/hosts');
    expect(realPathOf(`${fx.proj}/no-such-dir/deeper/../link-out/hosts`)).toBe(`${fx.proj}/no-such-dir/link-out/hosts`);
  });

  it('refuses a path whose `..` after a symlink reaches another place than the tools (which apply `..` first) would', async () => {
    mkdirSync(path.join(fx.proj, 'sub', 'inner'), { recursive: true });
    symlinkSync('sub/inner', path.join(fx.proj, 'inner-link'));
    // The tools write <proj>/link-out/x, which is /etc/x; the kernel would take inner-link/.. to <proj>/sub.
    for (const tool of ['Read', 'Write'] as const) {
      const d = await decide(tool, { file_path: 'inner-link/../link-out/x', content: 'x' }, { mode: 'acceptEdits' });
      expect(d.behavior, tool).toBe('deny');
      expect(d.reason, tool).toMatch(/'inner-link\/\.\.\/link-out\/x': `\.\.` after a symbolic link/);
    }
    const b = await gate({ mode: 'acceptEdits', allow: ['Bash(docker:*)'] }).check({ toolName: 'Bash', toolUseId: 't', input: { command: 'docker ps > inner-link/../link-out/x' }, readOnly: false });
    expect(b.behavior).toBe('deny');
    expect(b.reason).toMatch(/`\.\.` after a symbolic link/);
    // `..` that crosses no link is fine.
    expect((await decide('Write', { file_path: 'sub/inner/../x.txt', content: 'x' }, { mode: 'acceptEdits' })).behavior).toBe('allow');
  });

  it('refuses the sibling <cwd>_evil folder, which a string-prefix check would admit', async () => {
    const sibling = `${fx.proj}_evil/x.txt`;
    expect(sibling.startsWith(fx.proj)).toBe(true);
    const d = await decide('Read', { file_path: sibling });
    expect(d).toMatchObject({ behavior: 'deny' });
    expect(d.reason).toMatch(/outside the project/);
  });

  it('allows reads inside the project, a template .env.example, and a symlink that stays inside', async () => {
    for (const p of ['notes.txt', `${fx.proj}/Dockerfile`, '.env.example', 'notes-link', 'k8s/../Dockerfile']) {
      expect((await decide('Read', { file_path: p })).behavior, p).toBe('allow');
    }
  });

  it('Grep and Glob are confined by their path, their glob and their pattern', async () => {
    expect((await decide('Grep', { pattern: 'x' })).behavior).toBe('allow');
    expect((await decide('Grep', { pattern: 'x', path: '/etc' })).behavior).toBe('deny');
    expect((await decide('Grep', { pattern: 'x', path: '.env' })).reason).toMatch(/secret/);
    expect((await decide('Grep', { pattern: 'x', glob: '../*' })).behavior).toBe('deny');
    expect((await decide('Glob', { pattern: '**/*.yaml' })).behavior).toBe('allow');
    expect((await decide('Glob', { pattern: '/etc/*' })).behavior).toBe('deny');
    expect((await decide('Glob', { pattern: '../../*' })).behavior).toBe('deny');
    expect((await decide('Glob', { pattern: '*', path: 'link-out' })).behavior).toBe('deny');
  });

  it('writes: outside, through a final symlink to outside, and guarded files are refused in every mode', async () => {
    for (const mode of ['default', 'acceptEdits', 'bypassPermissions'] as const) {
      for (const p of ['/tmp/x', '../outside.txt', 'dangling-out', 'key-link', 'link-out/hosts', '.git/hooks/pre-commit', '.git/config', '.claude/settings.json', '.claude/settings.local.json', '.claude/agents/docker-expert.md', '.mcp.json', 'sub/.mcp.json']) {
        const d = await decide('Write', { file_path: p, content: 'x' }, { mode });
        expect(d.behavior, `${mode} ${p}: ${d.reason}`).toBe('deny');
      }
    }
  });

  it('a `worktrees` folder exempts nothing: guarded files under it are refused in every mode', async () => {
    for (const mode of ['default', 'acceptEdits', 'bypassPermissions'] as const) {
      for (const [p, why] of [
        ['worktrees/.claude/settings.json', /\.claude\/ is protected/],
        ['sub/worktrees/.claude/agents/x.md', /\.claude\/ is protected/],
        ['.claude/worktrees', /\.claude\/ is protected/],
        ['.claude/worktrees/feature', /\.claude\/ is protected/],
        ['.claude/agents/worktrees/x.md', /\.claude\/ is protected/],
        ['.claude/worktrees/feature/.claude/settings.json', /\.claude\/ is protected/],
        ['.claude/worktrees/feature/.git/hooks/pre-commit', /\.git\/ is protected/],
        ['.claude/worktrees/feature/.git', /\.git\/ is protected/],
        ['.claude/worktrees/feature/.mcp.json', /\.mcp\.json is protected/],
        ['worktrees/.git/config', /\.git\/ is protected/],
      ] as const) {
        const d = await decide('Write', { file_path: p, content: 'x' }, { mode });
        expect(d.behavior, `${mode} ${p}: ${d.reason}`).toBe('deny');
        expect(d.reason, `${mode} ${p}`).toMatch(why);
      }
    }
  });

  it('files of a Claude Code worktree (.claude/worktrees/<name>/...) are project files', async () => {
    const d = await decide('Write', { file_path: '.claude/worktrees/feature/src/app.ts', content: 'x' }, { mode: 'acceptEdits' });
    expect(d).toMatchObject({ behavior: 'allow', reason: 'Write inside the project (acceptEdits)' });
    expect(guardedWriteReason(`${fx.proj}/.claude/worktrees/feature/Dockerfile`, [fx.proj])).toBeUndefined();
    expect(guardedWriteReason(`${fx.proj}/.claude/worktrees/a/.claude/worktrees/b/x`, [fx.proj])).toMatch(/\.claude\/ is protected/);
  });

  it('never writes through a final symlink, even one that points inside the project', async () => {
    const d = await decide('Write', { file_path: 'notes-link', content: 'x' }, { mode: 'acceptEdits' });
    expect(d.behavior).toBe('deny');
    expect(d.reason).toMatch(/symbolic link; writes never follow a final link/);
    expect((await decide('Write', { file_path: 'notes.txt', content: 'x' }, { mode: 'acceptEdits' })).behavior).toBe('allow');
  });

  it('a trusted --allow rule naming the exact guarded path opens it; a project settings rule does not', async () => {
    const d = await decide('Edit', { file_path: '.mcp.json', old_string: 'a', new_string: 'b' }, { mode: 'acceptEdits', allow: ['Edit(.mcp.json)'] });
    expect(d.behavior).toBe('allow');
    const r = await decide('Read', { file_path: '.env' }, { allow: ['Read(.env)'] });
    expect(r.behavior).toBe('allow');
    const outside = await decide('Read', { file_path: '/etc/hostname' }, { allow: ['Read(//etc/hostname)'] });
    expect(outside.behavior).toBe('allow');
  });

  it('a denied symlink target is denied through the link, and an allow needs link and target to match', async () => {
    const viaLink = await decide('Read', { file_path: 'notes-link' }, { deny: ['Read(notes.txt)'] });
    expect(viaLink.behavior).toBe('deny');
    const linkOnly = await decide('Read', { file_path: 'key-link' }, { allow: ['Read(key-link)'] });
    expect(linkOnly.behavior).toBe('deny');
  });

  it('sensitive startup files ask even in acceptEdits (denied without an approver), and pass in bypassPermissions', async () => {
    const d = await decide('Write', { file_path: '.npmrc', content: 'x' }, { mode: 'acceptEdits' });
    expect(d.behavior).toBe('deny');
    expect(d.reason).toMatch(/nobody can approve/);
    expect((await decide('Write', { file_path: '.npmrc', content: 'x' }, { mode: 'bypassPermissions' })).behavior).toBe('allow');
  });

  it('a sensitive folder reached through a symlink (or a link into one) still asks, for Write and for a redirection', async () => {
    mkdirSync(path.join(fx.proj, 'editor-settings'), { recursive: true });
    mkdirSync(path.join(fx.proj, '.husky'), { recursive: true });
    symlinkSync('editor-settings', path.join(fx.proj, '.vscode'));
    symlinkSync('.husky', path.join(fx.proj, 'hooks-dir'));
    const asked: string[] = [];
    const approver = async (_req: unknown, d: { reason: string }) => (asked.push(d.reason), 'deny' as const);
    for (const [p, why] of [['.vscode/settings.json', /\.vscode\/ holds tool configuration/], ['hooks-dir/pre-commit', /\.husky\/ holds tool configuration/]] as const) {
      asked.length = 0;
      const d = await decide('Write', { file_path: p, content: 'x' }, { mode: 'acceptEdits', approver });
      expect(d.behavior, p).toBe('deny');
      expect(asked, p).toHaveLength(1);
      expect(asked[0], p).toMatch(why);
      asked.length = 0;
      const b = await gate({ mode: 'acceptEdits', approver, allow: ['Bash(docker:*)'] }).check({ toolName: 'Bash', toolUseId: 't', input: { command: `docker ps > ${p}` }, readOnly: false });
      expect(b.behavior, p).toBe('deny');
      expect(asked, p).toHaveLength(1);
      expect(asked[0], p).toMatch(why);
    }
  });

  it('plan mode refuses every write before any ask rule or sensitive-file question; reads an ask rule names still ask', async () => {
    const asked: string[] = [];
    const approver = async (_req: unknown, d: { reason: string }) => (asked.push(d.reason), 'allow' as const);
    const npmrc = await decide('Write', { file_path: '.npmrc', content: 'x' }, { mode: 'plan', approver });
    expect(npmrc).toEqual({ behavior: 'deny', reason: `plan mode is read-only: Write ${fx.proj}/.npmrc is not allowed.` });
    const asked1 = await decide('Write', { file_path: 'notes.txt', content: 'x' }, { mode: 'plan', approver, ask: ['Edit(notes.txt)'] });
    expect(asked1).toEqual({ behavior: 'deny', reason: `plan mode is read-only: Write ${fx.proj}/notes.txt is not allowed.` });
    expect(asked).toEqual([]);
    const read = await decide('Read', { file_path: 'notes.txt' }, { mode: 'plan', approver, ask: ['Read(notes.txt)'] });
    expect(read).toMatchObject({ behavior: 'allow', rule: 'Read(notes.txt)' });
    expect(asked).toEqual([`Read ${fx.proj}/notes.txt matches the ask rule Read(notes.txt) (--ask).`]);
  });

  it('additional directories widen confinement', async () => {
    const d = await decide('Read', { file_path: `${fx.root}/proj_evil/x.txt` }, { additionalDirs: [`${fx.root}/proj_evil`] });
    expect(d.behavior).toBe('allow');
  });
});

describe('path helpers', () => {
  it('isInside compares components, not string prefixes', () => {
    expect(isInside('/x/proj/a', '/x/proj')).toBe(true);
    expect(isInside('/x/proj', '/x/proj')).toBe(true);
    expect(isInside('/x/proj_evil/a', '/x/proj')).toBe(false);
    expect(isInside('/x/proj/..a', '/x/proj')).toBe(true);
    expect(isInside('/x', '/x/proj')).toBe(false);
  });

  it('realPathOf resolves `link/..` to the parent of the link target, as the kernel does', () => {
    expect(realPathOf(`${fx.proj}/link-out/../tmp`)).toBe('/tmp');
    expect(path.resolve(`${fx.proj}/link-out/../tmp`)).toBe(`${fx.proj}/tmp`);
    expect(resolvePath('climb/x', { cwd: fx.proj, home: fx.home }).canonical).toBe('/x');
  });

  it(`gives up after ${MAX_SYMLINK_HOPS} symlinks`, () => {
    const dir = path.join(fx.root, 'chain');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'end'), 'x');
    let prev = 'end';
    for (let i = 0; i < MAX_SYMLINK_HOPS; i++) {
      symlinkSync(prev, path.join(dir, `l${i}`));
      prev = `l${i}`;
    }
    expect(realPathOf(path.join(dir, `l${MAX_SYMLINK_HOPS - 1}`))).toBe(path.join(dir, 'end'));
    symlinkSync(prev, path.join(dir, 'one-more'));
    expect(() => realPathOf(path.join(dir, 'one-more'))).toThrow(/too many symbolic links/);
  });

  it.each([
    ['.env', true], ['.env.production', true], ['.env.example', false], ['.env.sample', false], ['server.pem', true], ['tls.key', true],
    ['id_rsa', true], ['id_ed25519', true], ['id_rsa.pub', false], ['kubeconfig-prod', true], ['/h/.kube/config', true],
    ['/h/.docker/config.json', true], ['/p/config.json', false], ['/h/.aws/credentials', true], ['Dockerfile', false],
  ])('isSecretPath(%j) is %s', (p, secret) => {
    expect(isSecretPath(p)).toBe(secret);
  });
});
