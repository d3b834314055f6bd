/**
 * Workspace extraction (service/workspace.ts) on its own: every rule an archive entry or a copied folder must pass,
 * with the exact refusal, and nothing written when anything is refused. (serve.test.ts runs the same through a task.)
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { Header, Pax } from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFolder, DEFAULT_WORKSPACE_LIMITS, extractTarGz, resolveWorkspacePath, WorkspaceError } from '../../service/workspace.js';
import { hostileTarGz, type RawEntry } from './archives.js';
import { tree } from './folder-tree.js';

let dir: string;
let n = 0;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'de-workspace-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fresh = () => path.join(dir, `dest-${n++}`);

async function refused(entries: RawEntry[], limits = DEFAULT_WORKSPACE_LIMITS): Promise<string> {
  const dest = fresh();
  const err = await extractTarGz(hostileTarGz(entries), dest, limits).then(
    () => undefined,
    (e: Error) => e,
  );
  expect(err).toBeInstanceOf(WorkspaceError);
  // Nothing was unpacked: the folder was not even made.
  expect(existsSync(dest)).toBe(false);
  return err!.message;
}

const REFUSED = 'the workspace archive was refused, nothing was unpacked: ';

describe('extractTarGz', () => {
  it('unpacks files, folders, links inside the project and hard links to earlier files; counts files and bytes', async () => {
    const dest = fresh();
    const archive = hostileTarGz([
      { path: './', type: 'Directory' },
      { path: 'src/', type: 'Directory' },
      { path: 'empty/', type: 'Directory' },
      { path: 'src/app.js', data: 'app' },
      { path: './README.md', data: 'readme' },
      { path: 'src/copy.js', type: 'Link', linkpath: 'src/app.js' },
      { path: 'src/up', type: 'SymbolicLink', linkpath: '../README.md' },
      { path: 'self', type: 'SymbolicLink', linkpath: '.' },
    ]);
    expect(await extractTarGz(archive, dest)).toEqual({ files: 3, bytes: 12 });
    expect(tree(dest)).toEqual({ 'README.md': 'readme', empty: 'dir', self: '-> .', src: 'dir', 'src/app.js': 'app', 'src/copy.js': 'app', 'src/up': '-> ../README.md' });
  });

  it('a backslash in an entry path is a folder separator; a colon after the first letter is just a name', async () => {
    const dest = fresh();
    await extractTarGz(hostileTarGz([{ path: 'dir\\file.txt', data: 'x' }, { path: 'ab:c.txt', data: 'y' }]), dest);
    expect(tree(dest)).toEqual({ 'ab:c.txt': 'y', dir: 'dir', 'dir/file.txt': 'x' });
  });

  it('old-style and contiguous file entries are files; a folder entry needs no entries for its parents, nor the destination its parent', async () => {
    const dest = path.join(fresh(), 'made', 'here');
    const archive = hostileTarGz([
      { path: 'old.txt', type: 'OldFile', data: 'old' },
      { path: 'contig.txt', type: 'ContiguousFile', data: 'contig' },
      { path: 'x/y/', type: 'Directory' },
    ]);
    expect(await extractTarGz(archive, dest)).toEqual({ files: 2, bytes: 9 });
    expect(tree(dest)).toEqual({ 'contig.txt': 'contig', 'old.txt': 'old', x: 'dir', 'x/y': 'dir' });
  });

  it('two entries may make the same folder or the same file (the last one wins), never different things at one path', async () => {
    const dest = fresh();
    await extractTarGz(hostileTarGz([{ path: 'd/', type: 'Directory' }, { path: 'f', data: 'first' }, { path: 'd/', type: 'Directory' }, { path: './f', data: 'second' }]), dest);
    expect(tree(dest)).toEqual({ d: 'dir', f: 'second' });
    // Each of these failed with EEXIST or EISDIR half-way through writing, before (tar refuses none of them).
    expect(await refused([{ path: 'a', data: 'x' }, { path: 'a', type: 'SymbolicLink', linkpath: 'b' }])).toBe(`${REFUSED}'a': the archive already has a file there`);
    expect(await refused([{ path: 'a', type: 'SymbolicLink', linkpath: 'b' }, { path: 'a', type: 'SymbolicLink', linkpath: 'c' }])).toBe(`${REFUSED}'a': the archive already has a symbolic link there`);
    expect(await refused([{ path: 'a', type: 'SymbolicLink', linkpath: 'b' }, { path: 'a/', type: 'Directory' }])).toBe(`${REFUSED}'a/': the archive already has a symbolic link there`);
    expect(await refused([{ path: 'a/', type: 'Directory' }, { path: 'a', data: 'x' }])).toBe(`${REFUSED}'a': the archive already has a folder there`);
    expect(await refused([{ path: 'a', data: 'x' }, { path: 'a/', type: 'Directory' }])).toBe(`${REFUSED}'a/': the archive already has a file there`);
    expect(await refused([{ path: 'a', data: 'x' }, { path: 'a/b/c', data: 'y' }])).toBe(`${REFUSED}'a/b/c': its folder 'a' is a file in the archive`);
    // A file's folders are folders, also when no entry names them.
    expect(await refused([{ path: 'a/b/c', data: 'y' }, { path: 'a', data: 'x' }])).toBe(`${REFUSED}'a': the archive already has a folder there`);
    expect(await refused([{ path: 'a/b/c', data: 'y' }, { path: 'a/b', type: 'Link', linkpath: 'a/b/c' }])).toBe(`${REFUSED}'a/b': the archive already has a folder there`);
    // Only a folder entry may name the project folder itself.
    expect(await refused([{ path: '.', data: 'x' }])).toBe(`${REFUSED}'.': only a folder can name the project folder itself`);
    expect(await refused([{ path: '.', type: 'SymbolicLink', linkpath: 'x' }])).toBe(`${REFUSED}'.': only a folder can name the project folder itself`);
  });

  it('keeps the executable bit of a file and nothing else of its mode', async () => {
    const src = path.join(dir, 'modes');
    mkdirSync(src);
    writeFileSync(path.join(src, 'run.sh'), 'x');
    writeFileSync(path.join(src, 'data'), 'y');
    chmodSync(path.join(src, 'run.sh'), 0o700);
    chmodSync(path.join(src, 'data'), 0o600);
    const archive = execFileSync('tar', ['-czf', '-', '-C', src, '.']);
    const dest = fresh();
    await extractTarGz(archive, dest);
    expect(statSync(path.join(dest, 'run.sh')).mode & 0o777).toBe(0o755);
    expect(statSync(path.join(dest, 'data')).mode & 0o777).toBe(0o644);
  });

  it('a hard link is a copy of its file, executable bit included', async () => {
    const dest = fresh();
    await extractTarGz(hostileTarGz([{ path: 'run.sh', data: 'sh', mode: 0o755 }, { path: 'again.sh', type: 'Link', linkpath: './run.sh' }]), dest);
    expect(tree(dest)).toEqual({ 'again.sh': 'sh (x)', 'run.sh': 'sh (x)' });
  });

  it('an archive that is not gzip, or gzip that is not tar, is refused', async () => {
    await expect(extractTarGz(Buffer.from('plain text'), fresh())).rejects.toThrow(/^the workspace part is not a gzip file: /);
    const notTar = gzipSync(Buffer.alloc(1024, 0x41));
    await expect(extractTarGz(notTar, fresh())).rejects.toThrow(WorkspaceError);
  });

  it('paths: absolute, drive letters, .. (also with backslashes) are refused', async () => {
    for (const [p, why] of [
      ['/etc/x', 'absolute paths are not allowed'],
      ['C:/x', 'absolute paths are not allowed'],
      ['c:x', 'absolute paths are not allowed'],
      ['\\\\server\\share\\x', 'absolute paths are not allowed'],
      ['../x', "'..' in the path is not allowed"],
      ['a/../../x', "'..' in the path is not allowed"],
      ['a\\..\\..\\x', "'..' in the path is not allowed"],
      ['a/..', "'..' in the path is not allowed"],
    ]) {
      expect(await refused([{ path: 'ok.txt', data: 'ok' }, { path: p!, data: 'x' }]), p).toBe(`${REFUSED}'${p}': ${why}`);
    }
  });

  it('devices and FIFOs are refused by type', async () => {
    expect(await refused([{ path: 'dev', type: 'CharacterDevice' }])).toBe(`${REFUSED}'dev': CharacterDevice entries are not allowed (only files, folders and links inside the project)`);
  });

  it('symbolic links must stay inside, relative to their own folder, and nothing is written through one', async () => {
    const link = (p: string, target: string) => refused([{ path: p, type: 'SymbolicLink', linkpath: target }]);
    expect(await link('out', '/etc')).toBe(`${REFUSED}'out': symbolic link to the absolute path '/etc' points out of the project`);
    expect(await link('out', 'C:\\Windows')).toBe(`${REFUSED}'out': symbolic link to the absolute path 'C:\\Windows' points out of the project`);
    expect(await link('out', '..')).toBe(`${REFUSED}'out': symbolic link to '..' points out of the project`);
    expect(await link('a/b/out', '../../..')).toBe(`${REFUSED}'a/b/out': symbolic link to '../../..' points out of the project`);
    expect(await link('a/out', '..\\..\\x')).toBe(`${REFUSED}'a/out': symbolic link to '..\\..\\x' points out of the project`);
    // tar's strict parser refuses a link with no target, and an empty path, before the entry is looked at.
    await expect(extractTarGz(hostileTarGz([{ path: 'out', type: 'SymbolicLink', linkpath: '' }]), fresh())).rejects.toThrow(/^the workspace archive is not a valid tar: .*linkpath required/);
    await expect(extractTarGz(hostileTarGz([{ path: 'h', type: 'Link', linkpath: '' }]), fresh())).rejects.toThrow(/^the workspace archive is not a valid tar: .*linkpath required/);
    await expect(extractTarGz(hostileTarGz([{ path: '', data: 'x' }]), fresh())).rejects.toThrow(/^the workspace archive is not a valid tar: .*path is required/);
    // A NUL in a pax header's path: tar cuts the path there.
    const header = Buffer.alloc(512);
    new Header({ path: 'plain', mode: 0o644, size: 1, type: 'File', mtime: new Date(0) }).encode(header, 0);
    const withNul = Buffer.concat([new Pax({ path: 'a\0/../../x' }).encode(), header, Buffer.from('z'), Buffer.alloc(511 + 1024)]);
    const cut = fresh();
    await extractTarGz(gzipSync(withNul), cut);
    expect(tree(cut)).toEqual({ a: 'z' });
    // Through a link the archive made, at any depth.
    expect(await refused([{ path: 'in', type: 'SymbolicLink', linkpath: 'real' }, { path: 'in/deep/x.txt', data: 'x' }])).toBe(`${REFUSED}'in/deep/x.txt': its folder 'in' is a symbolic link in the archive`);
    expect(await refused([{ path: 'a/in', type: 'SymbolicLink', linkpath: '.' }, { path: 'a/in/x', data: 'x' }])).toBe(`${REFUSED}'a/in/x': its folder 'a/in' is a symbolic link in the archive`);
    // A link that stays inside (into a sibling folder) is fine.
    const dest = fresh();
    await extractTarGz(hostileTarGz([{ path: 'a/b/in', type: 'SymbolicLink', linkpath: '../../c' }, { path: 'c', data: 'c' }]), dest);
    expect(tree(dest)).toEqual({ a: 'dir', 'a/b': 'dir', 'a/b/in': '-> ../../c', c: 'c' });
  });

  it('hard links must name a file earlier in the archive, by a path inside it', async () => {
    expect(await refused([{ path: 'h', type: 'Link', linkpath: 'later' }, { path: 'later', data: 'x' }])).toBe(`${REFUSED}'h': a hard link must name a file earlier in the archive`);
    expect(await refused([{ path: 'h', type: 'Link', linkpath: '../../etc/passwd' }])).toBe(`${REFUSED}'h': hard link target '..' in the path is not allowed`);
    expect(await refused([{ path: 'h', type: 'Link', linkpath: '/etc/passwd' }])).toBe(`${REFUSED}'h': hard link target absolute paths are not allowed`);
    expect(await refused([{ path: 'd/', type: 'Directory' }, { path: 'h', type: 'Link', linkpath: 'd' }])).toBe(`${REFUSED}'h': a hard link must name a file earlier in the archive`);
  });

  it('limits: entries and unpacked bytes, each at the edge', async () => {
    const files = (k: number) => Array.from({ length: k }, (_, i) => ({ path: `f${i}`, data: 'abcd' }));
    await expect(extractTarGz(hostileTarGz(files(3)), fresh(), { maxEntries: 3, maxBytes: 12 })).resolves.toEqual({ files: 3, bytes: 12 });
    expect(await refused(files(4), { maxEntries: 3, maxBytes: 1000 })).toBe(`${REFUSED}more than 3 entries`);
    expect(await refused(files(4), { maxEntries: 100, maxBytes: 15 })).toBe(`${REFUSED}the files add up to more than 15 bytes`);
    // A gzip bomb: stopped while unpacking, before tar reads it.
    await expect(extractTarGz(gzipSync(Buffer.alloc(5_000_000)), fresh(), { maxEntries: 10, maxBytes: 1000 })).rejects.toThrow(new WorkspaceError('the workspace archive unpacks to more than 1000 bytes'));
  });

  it('names at most five problems, each once, and how many more different ones there were', async () => {
    const bad = Array.from({ length: 8 }, (_, i) => ({ path: `/abs${i}`, data: 'x' }));
    const message = await refused([...bad, { path: '/abs0', data: 'x' }]);
    expect(message).toBe(`${REFUSED}${[0, 1, 2, 3, 4].map((i) => `'/abs${i}': absolute paths are not allowed`).join('; ')} (and 3 more)`);
    expect(await refused([{ path: '/a', data: 'x' }, { path: '/a', data: 'x' }])).toBe(`${REFUSED}'/a': absolute paths are not allowed`);
  });
});

describe('resolveWorkspacePath', () => {
  let root: string;
  beforeAll(() => {
    root = path.join(dir, 'root');
    mkdirSync(path.join(root, 'app', 'sub'), { recursive: true });
    writeFileSync(path.join(root, 'file.txt'), 'x');
    mkdirSync(path.join(dir, 'root-sibling'));
    symlinkSync(path.join(dir, 'root-sibling'), path.join(root, 'out-link'));
    symlinkSync('app', path.join(root, 'in-link'));
  });

  it('a folder under the root, also through a link inside it, or the root itself', () => {
    expect(resolveWorkspacePath(root, 'app/sub')).toBe(path.join(root, 'app', 'sub'));
    expect(resolveWorkspacePath(root, 'in-link')).toBe(path.join(root, 'app'));
    expect(resolveWorkspacePath(root, '.')).toBe(root);
    expect(resolveWorkspacePath(root, root)).toBe(root);
  });

  it('no root, a missing path, a path outside (by .., by a link, by a sibling name) or a file is refused', () => {
    expect(() => resolveWorkspacePath(undefined, 'app')).toThrow(new WorkspaceError('this server takes no path workspaces: start it with --workspace-root DIR'));
    expect(() => resolveWorkspacePath(root, 'nope')).toThrow(new WorkspaceError("workspace path 'nope' does not exist under the workspace root"));
    for (const p of ['..', 'out-link', '../root-sibling', path.join(dir, 'root-sibling'), '/']) {
      expect(() => resolveWorkspacePath(root, p), p).toThrow(new WorkspaceError(`workspace path '${p}' is outside the workspace root`));
    }
    expect(() => resolveWorkspacePath(root, 'file.txt')).toThrow(new WorkspaceError("workspace path 'file.txt' is not a folder"));
  });
});

describe('copyFolder', () => {
  it('copies files, folders and inside links, keeps the executable bit, and leaves out the top-level names it is told to', () => {
    const src = path.join(dir, 'copy-src');
    mkdirSync(path.join(src, 'a', '.git'), { recursive: true });
    mkdirSync(path.join(src, '.git'));
    writeFileSync(path.join(src, '.git', 'HEAD'), 'ref');
    writeFileSync(path.join(src, 'a', '.git', 'kept'), 'k');
    writeFileSync(path.join(src, 'run.sh'), 'sh');
    chmodSync(path.join(src, 'run.sh'), 0o750);
    writeFileSync(path.join(src, 'a', 'data'), 'data');
    symlinkSync('a/data', path.join(src, 'link'));
    const dest = fresh();
    expect(copyFolder(src, dest, DEFAULT_WORKSPACE_LIMITS, ['.git'])).toEqual({ files: 3, bytes: 7 });
    expect(tree(dest)).toEqual({ a: 'dir', 'a/.git': 'dir', 'a/.git/kept': 'k', 'a/data': 'data', link: '-> a/data', 'run.sh': 'sh (x)' });
    expect(statSync(path.join(dest, 'a', 'data')).mode & 0o777).toBe(0o644);
  });

  it('copies empty folders, and names the first bad entry in name order', () => {
    const src = path.join(dir, 'copy-empty');
    mkdirSync(path.join(src, 'empty', 'deeper'), { recursive: true });
    const dest = fresh();
    expect(copyFolder(src, dest)).toEqual({ files: 0, bytes: 0 });
    expect(tree(dest)).toEqual({ empty: 'dir', 'empty/deeper': 'dir' });
    const bad = path.join(dir, 'copy-two-bad');
    mkdirSync(bad);
    for (const name of ['zz', 'mm', 'aa', 'qq']) symlinkSync('/etc', path.join(bad, name));
    expect(() => copyFolder(bad, fresh())).toThrow(new WorkspaceError("'aa': symbolic link to the absolute path '/etc' points out of the project"));
    // Name order is JavaScript's, not the file system's (libuv lists by bytes: U+FF5E before U+1F600; JavaScript by
    // UTF-16 units: U+1F600 first).
    const wide = path.join(dir, 'copy-wide-names');
    mkdirSync(wide);
    for (const name of ['\uff5e', '\u{1f600}']) symlinkSync('/etc', path.join(wide, name));
    expect(() => copyFolder(wide, fresh())).toThrow(new WorkspaceError("'\u{1f600}': symbolic link to the absolute path '/etc' points out of the project"));
  });

  it('a link out, a FIFO, too many entries or too many bytes is refused, each at the edge', () => {
    const make = (name: string, fill: (src: string) => void) => {
      const src = path.join(dir, name);
      mkdirSync(src);
      fill(src);
      return src;
    };
    const out = make('copy-out', (s) => symlinkSync('../..', path.join(s, 'up')));
    expect(() => copyFolder(out, fresh())).toThrow(new WorkspaceError("'up': symbolic link to '../..' points out of the project"));
    const fifo = make('copy-fifo', (s) => execFileSync('mkfifo', [path.join(s, 'pipe')]));
    expect(() => copyFolder(fifo, fresh())).toThrow(new WorkspaceError("'pipe': only files, folders and links inside the project can be copied"));
    const three = make('copy-three', (s) => {
      mkdirSync(path.join(s, 'd'));
      writeFileSync(path.join(s, 'd', 'x'), '12345');
      writeFileSync(path.join(s, 'y'), '12345');
    });
    expect(copyFolder(three, fresh(), { maxEntries: 3, maxBytes: 10 })).toEqual({ files: 2, bytes: 10 });
    expect(() => copyFolder(three, fresh(), { maxEntries: 2, maxBytes: 10 })).toThrow(new WorkspaceError('the workspace has more than 2 entries'));
    expect(() => copyFolder(three, fresh(), { maxEntries: 3, maxBytes: 9 })).toThrow(new WorkspaceError("the workspace's files add up to more than 9 bytes"));
  });
});
