import { mkdir, mkdtemp, realpath, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ToolContext } from '../../tools/tool.js';
import { createFileReadState } from '../../tools/fs/index.js';

/** Size cap both Grep backends get in the fixture tests: big-4096.txt is searched, big-4097.txt is not. */
export const FIXTURE_MAX_FILE_BYTES = 4096;

const UTF16_BOM = Buffer.from([0xff, 0xfe]);

/**
 * A project tree that exercises every file-selection rule of Grep, built under `base`:
 * base/.gitignore           (above the repository root: must NOT apply)
 * base/outer/.git/          (the repository root)
 * base/outer/.gitignore     (a parent of the searched project: applies)
 * base/outer/project/...    (the project searched)
 * Returns the project folder.
 */
export async function buildGrepFixture(base: string): Promise<string> {
  const outer = join(base, 'outer');
  const project = join(outer, 'project');
  const files: Record<string, string | Buffer> = {
    [join(base, '.gitignore')]: 'grand-ignored.txt\n',
    [join(outer, '.git/HEAD')]: 'ref: refs/heads/main foo\n',
    [join(outer, '.gitignore')]: 'outer-ignored.txt\n',
    '.gitignore': '# build outputs\nnode_modules/\n*.log\n!keep.log\n/build\nsecret-dir/\n',
    'a.txt': 'alpha foo\nbeta\nfoo foo gamma\nFOO upper\n',
    'A.txt': 'capital foo\n',
    'a-b.txt': 'dash foo\n',
    'a/b.txt': 'nested foo\n',
    'b.log': 'foo in ignored log\n',
    'keep.log': 'foo in kept log\n',
    'build/out.txt': 'foo in root build\n',
    'sub/build/out.txt': 'foo in nested build\n',
    'node_modules/pkg/index.js': 'module.exports = foo;\n',
    'secret-dir/s.txt': 'foo\n',
    'outer-ignored.txt': 'foo\n',
    'grand-ignored.txt': 'foo above the repository\n',
    '.hidden/h.txt': 'foo hidden\n',
    '.dotfile': 'foo dot\n',
    'sub/.gitignore': '*.tmp\n!important.tmp\n',
    'sub/x.tmp': 'foo tmp\n',
    'sub/important.tmp': 'foo important\n',
    'sub/.git/config': '[core] foo\n',
    'src/app.ts': 'const foo = 1;\nexport function fooBar() {\n  return foo;\n}\n',
    'src/view.tsx': 'export const Foo = () => <div>foo</div>;\n',
    'src/util.js': 'foo();\n',
    'src/main.py': 'def foo():\n    pass\n',
    Dockerfile: 'FROM alpine:3.20\nRUN echo foo\n',
    'docker/Dockerfile.prod': 'FROM scratch\n# foo\n',
    'k8s/deploy.yaml': 'image: foo:1\nreplicas: 2\n',
    'compose.yml': 'services:\n  foo:\n    image: foo\n',
    'crlf.txt': 'one\r\nfoo\r\nfoo end\r\n',
    'bom.txt': '\uFEFFfoo with bom\n',
    'utf16.txt': Buffer.concat([UTF16_BOM, Buffer.from('foo in utf16\r\nsecond line\r\n', 'utf16le')]),
    'unicode.txt': 'naïve foo ☃\n日本 foo 語\n',
    'bin.dat': Buffer.from('foo\0bar\n'),
    'words.txt': 'naïve café_1 über\nx٣y 42\nfoo-bar foo#bar\n[brackets] ]x\nidentifier_9 Ωmega\ntab\there\n',
    'latin1.txt': Buffer.from('caf\xe9 foo\nna\xefve\nfoo again\n', 'latin1'),
    'long.txt': `${'x'.repeat(600)}foo${'y'.repeat(100)}\n`,
    'multi.txt': 'start foo\nmiddle\nend bar\nstart foo\nend bar\n',
    'context.txt': ['c1', 'c2 foo', 'c3', 'c4', 'c5', 'c6', 'c7 foo', 'c8 foo', 'c9', 'c10'].join('\n') + '\n',
    '.env': 'API_KEY=foo-secret\n',
    '.env.production': 'TOKEN=foo\n',
    'cfg/.ENV': 'foo=upper-case env name\n',
    'cfg/.env.example': 'foo=template\n',
    'certs/store.p12': 'foo p12\n',
    'deploy/id_ed25519.pub': 'ssh-ed25519 foo\n',
    'home/.aws/credentials': 'foo credentials\n',
    'home/.netrc': 'machine foo\n',
    'kubeconfig-prod': 'foo: kube\n',
    'deploy/id_rsa': 'foo private key\n',
    'certs/server.pem': 'foo cert\n',
    'ops/.kube/config': 'foo: kubeconfig\n',
    'ops/.docker/config.json': '{"auths": {"foo": {}}}\n',
    'big-4096.txt': `foo${'.'.repeat(FIXTURE_MAX_FILE_BYTES - 4)}\n`,
    'big-4097.txt': `foo${'.'.repeat(FIXTURE_MAX_FILE_BYTES - 3)}\n`,
    'empty.txt': '',
  };
  let second = 1_700_000_000;
  for (const [rel, content] of Object.entries(files)) {
    const abs = rel.startsWith('/') ? rel : join(project, rel);
    await mkdir(dirname(abs), { recursive: true });
    await writeFile(abs, content);
    second += 60;
    await utimes(abs, second, second); // distinct mtimes: files_with_matches order is newest first
  }
  await symlink(join(project, 'a.txt'), join(project, 'link.txt'));
  await symlink(join(project, 'src'), join(project, 'linkdir'));
  return project;
}

/** The fixture in a fresh temp folder, with a session context rooted at its project. */
export async function grepFixtureContext(prefix: string): Promise<{ ctx: ToolContext; cleanup: () => Promise<void> }> {
  const base = await realpath(await mkdtemp(join(tmpdir(), prefix)));
  const ctx: ToolContext = {
    cwd: await buildGrepFixture(base),
    additionalDirs: [],
    signal: new AbortController().signal,
    sessionDir: join(base, 'session'),
    fileState: createFileReadState(),
  };
  return { ctx, cleanup: () => rm(base, { recursive: true, force: true }) };
}
