import { execa } from 'execa';
import { link, lstat, mkdir, readFile, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createWriteTool, fsTools, readTool, WRITE_MAX_BYTES, writeTool } from '../../tools/fs/index.js';
import { makeSandbox, type Sandbox } from './helpers.js';

let sandbox: Sandbox;
let outside: Sandbox;
beforeEach(async () => {
  sandbox = await makeSandbox();
  outside = await makeSandbox('fs-outside-');
});
afterEach(async () => {
  await sandbox.cleanup();
  await outside.cleanup();
});

describe('Write', () => {
  test('writes content of exactly the limit and refuses one byte more, writing nothing (bytes are UTF-8)', async () => {
    const small = createWriteTool({ maxBytes: 8 });
    expect((await sandbox.run(small, { file_path: 'ok.txt', content: '12345678' })).isError).toBeFalsy();
    expect(await readFile(sandbox.path('ok.txt'), 'utf8')).toBe('12345678');
    // 'é' is two bytes: 8 characters (the limit), 9 bytes.
    const over = await sandbox.run(small, { file_path: 'big.txt', content: '1234567é' });
    expect(over.isError).toBe(true);
    expect(over.content).toBe(`Refusing to write ${sandbox.path('big.txt')}: the content is 9 bytes, over the 8-byte limit for one Write (--max-write-bytes). Nothing was written.`);
    await expect(stat(sandbox.path('big.txt'))).rejects.toThrow(/ENOENT/);
    expect(WRITE_MAX_BYTES).toBe(10 * 1024 * 1024);
    const limited = fsTools({ maxWriteBytes: 3 }).find((t) => t.name === 'Write');
    expect((await sandbox.run(limited!, { file_path: 'c.txt', content: 'abcd' })).content).toMatch(/over the 3-byte limit/);
  });

  test('creates a new file and its parent folders, and reports it', async () => {
    const result = await sandbox.run(writeTool, { file_path: 'deep/er/Dockerfile', content: 'FROM alpine:3.20\n' });
    expect(result.isError).toBeFalsy();
    expect(result.content).toBe('File created successfully at: deep/er/Dockerfile');
    expect(result.changedFiles).toEqual([sandbox.path('deep/er/Dockerfile')]);
    expect(await readFile(sandbox.path('deep/er/Dockerfile'), 'utf8')).toBe('FROM alpine:3.20\n');
  });

  test('refuses to overwrite a file not Read in this session', async () => {
    await sandbox.write('a.txt', 'original\n');
    const result = await sandbox.run(writeTool, { file_path: 'a.txt', content: 'clobbered\n' });
    expect(result.isError).toBe(true);
    expect(result.content).toContain('has not been read yet');
    expect(await readFile(sandbox.path('a.txt'), 'utf8')).toBe('original\n');
  });

  test('overwrites after a Read, and a second Write needs no new Read', async () => {
    await sandbox.write('a.txt', 'original\n');
    await sandbox.run(readTool, { file_path: 'a.txt' });
    const first = await sandbox.run(writeTool, { file_path: 'a.txt', content: 'v2\n' });
    expect(first.content).toMatch(/has been updated/);
    expect(first.changedFiles).toEqual([sandbox.path('a.txt')]);
    expect((await sandbox.run(writeTool, { file_path: 'a.txt', content: 'v3\n' })).isError).toBeFalsy();
    expect(await readFile(sandbox.path('a.txt'), 'utf8')).toBe('v3\n');
  });

  test('refuses a file changed on disk since it was read', async () => {
    const abs = await sandbox.write('a.txt', 'original\n');
    await sandbox.run(readTool, { file_path: 'a.txt' });
    await writeFile(abs, 'changed by someone else\n');
    const result = await sandbox.run(writeTool, { file_path: 'a.txt', content: 'mine\n' });
    expect(result.isError).toBe(true);
    expect(result.content).toContain('modified since it was read');
    expect(await readFile(abs, 'utf8')).toBe('changed by someone else\n');
  });

  test('refuses a file whose mtime alone changed since it was read', async () => {
    const abs = await sandbox.write('a.txt', 'same\n');
    await sandbox.run(readTool, { file_path: 'a.txt' });
    await utimes(abs, 1_000, 1_000);
    expect((await sandbox.run(writeTool, { file_path: 'a.txt', content: 'x\n' })).isError).toBe(true);
  });

  test('a symlink as the target is refused, even after Reading through it; the target is untouched', async () => {
    const secret = await outside.write('passwd', 'root:x:0:0\n');
    await symlink(secret, sandbox.path('innocent.txt'));
    await sandbox.run(readTool, { file_path: 'innocent.txt' });
    const result = await sandbox.run(writeTool, { file_path: 'innocent.txt', content: 'pwned\n' });
    expect(result.isError).toBe(true);
    expect(result.content).toContain('symbolic link');
    expect(await readFile(secret, 'utf8')).toBe('root:x:0:0\n');
    expect((await lstat(sandbox.path('innocent.txt'))).isSymbolicLink()).toBe(true);
  });

  test('a dangling symlink is not followed to create a file outside', async () => {
    const planted = outside.path('created-by-attack');
    await symlink(planted, sandbox.path('new.txt'));
    const result = await sandbox.run(writeTool, { file_path: 'new.txt', content: 'pwned\n' });
    expect(result.isError).toBe(true);
    await expect(stat(planted)).rejects.toThrow(/ENOENT/);
  });

  test('a hard link is refused (writing would change the other copy)', async () => {
    const other = await outside.write('shadow', 'keep me\n');
    await link(other, sandbox.path('hard.txt'));
    await sandbox.run(readTool, { file_path: 'hard.txt' });
    const result = await sandbox.run(writeTool, { file_path: 'hard.txt', content: 'pwned\n' });
    expect(result.isError).toBe(true);
    expect(result.content).toContain('hard links');
    expect(await readFile(other, 'utf8')).toBe('keep me\n');
  });

  test('a folder or a FIFO as the target is refused without hanging', async () => {
    await mkdir(sandbox.path('dir'));
    expect((await sandbox.run(writeTool, { file_path: 'dir', content: 'x' })).content).toContain('is a directory');
    await execa('mkfifo', [sandbox.path('pipe')]);
    sandbox.ctx.fileState.set(sandbox.path('pipe'), { mtimeMs: (await lstat(sandbox.path('pipe'))).mtimeMs, size: 0 });
    const fifo = await sandbox.run(writeTool, { file_path: 'pipe', content: 'x' });
    expect(fifo.isError).toBe(true);
    expect(fifo.content).toContain('not a regular file');
  });

  test('writes the content byte for byte (unicode, CRLF as given)', async () => {
    const content = 'naïve ☃\r\nsecond 😀\n';
    await sandbox.run(writeTool, { file_path: 'u.txt', content });
    expect(await readFile(sandbox.path('u.txt'), 'utf8')).toBe(content);
  });

  test('is not read-only and not concurrency safe', () => {
    expect(writeTool.isReadOnly({ file_path: 'x', content: '' })).toBe(false);
    expect(writeTool.isConcurrencySafe({ file_path: 'x', content: '' })).toBe(false);
  });
});
