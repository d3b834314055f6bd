import { readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createEditTool, editTool, multiEditTool, readTool } from '../../tools/fs/index.js';
import { makeSandbox, type Sandbox } from './helpers.js';

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await makeSandbox();
});
afterEach(() => sandbox.cleanup());

async function readThenEdit(rel: string, bytes: string | Buffer, edit: { old_string: string; new_string: string; replace_all?: boolean }) {
  await sandbox.write(rel, bytes);
  await sandbox.run(readTool, { file_path: rel });
  return sandbox.run(editTool, { file_path: rel, ...edit });
}

describe('Edit', () => {
  test.each([
    { name: 'unique replacement', before: 'FROM node:20\nRUN npm ci\n', edit: { old_string: 'node:20', new_string: 'node:20-slim' }, after: 'FROM node:20-slim\nRUN npm ci\n' },
    { name: 'replace_all', before: 'a x a x a\n', edit: { old_string: 'a', new_string: 'b', replace_all: true }, after: 'b x b x b\n' },
    { name: 'multi-line old_string', before: 'one\ntwo\nthree\n', edit: { old_string: 'one\ntwo', new_string: 'ONE' }, after: 'ONE\nthree\n' },
    { name: 'dollar patterns are literal', before: 'port: X\n', edit: { old_string: 'X', new_string: "$& $1 $$ $'" }, after: "port: $& $1 $$ $'\n" },
    { name: 'unicode', before: 'naïve ☃ 😀\n', edit: { old_string: '☃ 😀', new_string: '⛄' }, after: 'naïve ⛄\n' },
    { name: 'deletion', before: 'keep\ndrop\nkeep\n', edit: { old_string: 'drop\n', new_string: '' }, after: 'keep\nkeep\n' },
  ])('$name', async ({ before, edit, after }) => {
    const result = await readThenEdit('f.txt', before, edit);
    expect(result.isError).toBeFalsy();
    expect(result.changedFiles).toEqual([sandbox.path('f.txt')]);
    expect(await readFile(sandbox.path('f.txt'), 'utf8')).toBe(after);
  });

  test.each([
    { name: 'CRLF file stays CRLF', bytes: Buffer.from('a\r\nb\r\nc\r\n'), edit: { old_string: 'a\nb', new_string: 'A\nB\nB2' }, after: Buffer.from('A\r\nB\r\nB2\r\nc\r\n') },
    { name: 'UTF-8 BOM is kept', bytes: Buffer.from('\uFEFFkey: old\n'), edit: { old_string: 'old', new_string: 'new' }, after: Buffer.from('\uFEFFkey: new\n') },
    {
      name: 'UTF-16LE stays UTF-16LE with its BOM',
      bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('x=1\r\ny=2\r\n', 'utf16le')]),
      edit: { old_string: 'y=2', new_string: 'y=3' },
      after: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('x=1\r\ny=3\r\n', 'utf16le')]),
    },
    { name: 'a mixed-ending file is edited as it is', bytes: Buffer.from('a\r\nb\nc\n'), edit: { old_string: 'b\nc', new_string: 'B\nC' }, after: Buffer.from('a\r\nB\nC\n') },
  ])('$name', async ({ bytes, edit, after }) => {
    const result = await readThenEdit('f.txt', bytes, edit);
    expect(result.isError).toBeFalsy();
    expect(await readFile(sandbox.path('f.txt'))).toEqual(after);
  });

  test.each([
    { name: 'non-unique old_string', before: 'x\nx\n', edit: { old_string: 'x', new_string: 'y' }, error: /Found 2 matches of the string to replace, but replace_all is false/ },
    { name: 'old_string not found', before: 'abc\n', edit: { old_string: 'zzz', new_string: 'y' }, error: /String to replace not found in file/ },
    { name: 'old equals new', before: 'abc\n', edit: { old_string: 'abc', new_string: 'abc' }, error: /exactly the same/ },
    { name: 'empty old_string on a non-empty file', before: 'abc\n', edit: { old_string: '', new_string: 'y' }, error: /old_string is empty/ },
  ])('refused: $name, file unchanged', async ({ before, edit, error }) => {
    const result = await readThenEdit('f.txt', before, edit);
    expect(result.isError).toBe(true);
    expect(result.content).toMatch(error);
    expect(await readFile(sandbox.path('f.txt'), 'utf8')).toBe(before);
  });

  test('refuses a file not Read in this session', async () => {
    await sandbox.write('f.txt', 'abc\n');
    const result = await sandbox.run(editTool, { file_path: 'f.txt', old_string: 'abc', new_string: 'x' });
    expect(result.isError).toBe(true);
    expect(result.content).toContain('has not been read yet');
  });

  test('refuses a file changed since it was read', async () => {
    const abs = await sandbox.write('f.txt', 'abc\n');
    await sandbox.run(readTool, { file_path: 'f.txt' });
    await writeFile(abs, 'abc\nmore\n');
    const result = await sandbox.run(editTool, { file_path: 'f.txt', old_string: 'abc', new_string: 'x' });
    expect(result.isError).toBe(true);
    expect(result.content).toContain('modified since it was read');
    expect(await readFile(abs, 'utf8')).toBe('abc\nmore\n');
  });

  test('consecutive edits need no new Read (the state follows our own writes)', async () => {
    await readThenEdit('f.txt', 'a b\n', { old_string: 'a', new_string: 'A' });
    const second = await sandbox.run(editTool, { file_path: 'f.txt', old_string: 'b', new_string: 'B' });
    expect(second.isError).toBeFalsy();
    expect(await readFile(sandbox.path('f.txt'), 'utf8')).toBe('A B\n');
  });

  test('an empty old_string creates a missing file', async () => {
    const result = await sandbox.run(editTool, { file_path: 'new/compose.yaml', old_string: '', new_string: 'services: {}\n' });
    expect(result.content).toMatch(/File created successfully/);
    expect(await readFile(sandbox.path('new/compose.yaml'), 'utf8')).toBe('services: {}\n');
  });

  test('a symlink is refused even after Reading through it', async () => {
    const real = await sandbox.write('real.txt', 'abc\n');
    await symlink(real, sandbox.path('link.txt'));
    await sandbox.run(readTool, { file_path: 'link.txt' });
    const result = await sandbox.run(editTool, { file_path: 'link.txt', old_string: 'abc', new_string: 'x' });
    expect(result.isError).toBe(true);
    expect(result.content).toContain('symbolic link');
    expect(await readFile(real, 'utf8')).toBe('abc\n');
  });

  test('the result shows the edited lines in cat -n form', async () => {
    const result = await readThenEdit('f.txt', 'l1\nl2\nl3\n', { old_string: 'l2', new_string: 'L2' });
    expect(result.content).toContain('     2\tL2');
    expect(result.content).not.toMatch(/\t$/);
  });

  test('the snippet context, at its edge', async () => {
    const lines = Array.from({ length: 9 }, (_, i) => `l${i + 1}`).join('\n') + '\n';
    await sandbox.write('f.txt', lines);
    await sandbox.run(readTool, { file_path: 'f.txt' });
    const result = await sandbox.run(createEditTool({ snippetContextLines: 2 }), { file_path: 'f.txt', old_string: 'l5', new_string: 'L5' });
    const shown = result.content.split('\n').slice(1);
    expect(shown).toEqual(['     3\tl3', '     4\tl4', '     5\tL5', '     6\tl6', '     7\tl7']);
  });

  test('the editable file size, at its edge', async () => {
    const bytes = 'x'.repeat(99) + '\n';
    await sandbox.write('f.txt', bytes);
    await sandbox.run(readTool, { file_path: 'f.txt' });
    const tooSmall = await sandbox.run(createEditTool({ maxFileBytes: 99 }), { file_path: 'f.txt', old_string: 'xx', new_string: 'y', replace_all: true });
    expect(tooSmall.content).toMatch(/over the 99-byte limit/);
    const exact = await sandbox.run(createEditTool({ maxFileBytes: 100 }), { file_path: 'f.txt', old_string: 'x\n', new_string: 'y\n' });
    expect(exact.isError).toBeFalsy();
  });
});

describe('MultiEdit', () => {
  test('applies edits in order, each on the result of the previous', async () => {
    await sandbox.write('Dockerfile', 'FROM node:20\nRUN npm install\n');
    await sandbox.run(readTool, { file_path: 'Dockerfile' });
    const result = await sandbox.run(multiEditTool, {
      file_path: 'Dockerfile',
      edits: [
        { old_string: 'npm install', new_string: 'npm ci' },
        { old_string: 'RUN npm ci', new_string: 'RUN npm ci --omit=dev' },
      ],
    });
    expect(result.isError).toBeFalsy();
    expect(await readFile(sandbox.path('Dockerfile'), 'utf8')).toBe('FROM node:20\nRUN npm ci --omit=dev\n');
  });

  test.each([
    { name: 'the second edit is not found', edits: [{ old_string: 'a', new_string: 'A' }, { old_string: 'zzz', new_string: 'Z' }], error: /Edit 2 of 2: String to replace not found/ },
    { name: 'the second edit is ambiguous', edits: [{ old_string: 'a', new_string: 'A' }, { old_string: 'b', new_string: 'B' }], error: /Edit 2 of 2: Found 2 matches/ },
    { name: 'the first edit removes what the second needs', edits: [{ old_string: 'a b', new_string: 'c' }, { old_string: 'a', new_string: 'A' }], error: /Edit 2 of 2: String to replace not found/ },
    { name: 'a later edit repeats old==new', edits: [{ old_string: 'a', new_string: 'A' }, { old_string: 'x', new_string: 'x' }], error: /Edit 2 of 2: No changes to make/ },
  ])('all or nothing: $name leaves the file byte-identical', async ({ edits, error }) => {
    const abs = await sandbox.write('f.txt', 'a b\nb\n');
    await sandbox.run(readTool, { file_path: 'f.txt' });
    const before = await stat(abs);
    const result = await sandbox.run(multiEditTool, { file_path: 'f.txt', edits });
    expect(result.isError).toBe(true);
    expect(result.content).toMatch(error);
    expect(result.content).toContain('No edit was applied');
    expect(await readFile(abs, 'utf8')).toBe('a b\nb\n');
    expect((await stat(abs)).mtimeMs).toBe(before.mtimeMs);
  });

  test('replace_all inside a MultiEdit', async () => {
    await sandbox.write('f.txt', 'x y x\n');
    await sandbox.run(readTool, { file_path: 'f.txt' });
    await sandbox.run(multiEditTool, { file_path: 'f.txt', edits: [{ old_string: 'x', new_string: 'z', replace_all: true }, { old_string: 'y', new_string: 'w' }] });
    expect(await readFile(sandbox.path('f.txt'), 'utf8')).toBe('z w z\n');
  });

  test('creates a new file from an empty first old_string, then applies the rest', async () => {
    const result = await sandbox.run(multiEditTool, {
      file_path: 'k8s/deploy.yaml',
      edits: [{ old_string: '', new_string: 'replicas: 1\nimage: app:latest\n' }, { old_string: 'app:latest', new_string: 'app:1.2.3' }],
    });
    expect(result.isError).toBeFalsy();
    expect(await readFile(sandbox.path('k8s/deploy.yaml'), 'utf8')).toBe('replicas: 1\nimage: app:1.2.3\n');
  });

  test('refuses a file not Read, and an empty edit list', async () => {
    await sandbox.write('f.txt', 'a\n');
    expect((await sandbox.run(multiEditTool, { file_path: 'f.txt', edits: [{ old_string: 'a', new_string: 'b' }] })).content).toContain('has not been read yet');
    expect(multiEditTool.inputSchema.safeParse({ file_path: 'f.txt', edits: [] }).success).toBe(false);
  });

  test('Edit and MultiEdit are not read-only', () => {
    expect(editTool.isReadOnly({ file_path: 'x', old_string: 'a', new_string: 'b' })).toBe(false);
    expect(multiEditTool.isReadOnly({ file_path: 'x', edits: [] })).toBe(false);
  });
});
