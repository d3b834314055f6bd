import { execa } from 'execa';
import { mkdir, stat, symlink } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { READ_MAX_LINE_CHARS, createReadTool, readTool } from '../../tools/fs/index.js';
import { makeSandbox, type Sandbox } from './helpers.js';

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await makeSandbox();
});
afterEach(() => sandbox.cleanup());

const numbered = (lines: string[], first = 1): string => lines.map((l, i) => `${String(first + i).padStart(6)}\t${l}`).join('\n');

describe('Read', () => {
  test.each([
    { name: 'plain LF file', bytes: Buffer.from('one\ntwo\nthree\n'), shown: ['one', 'two', 'three'] },
    { name: 'no final newline', bytes: Buffer.from('one\ntwo'), shown: ['one', 'two'] },
    { name: 'CRLF file shows no carriage returns', bytes: Buffer.from('one\r\ntwo\r\n'), shown: ['one', 'two'] },
    { name: 'UTF-8 BOM is not shown', bytes: Buffer.from('\uFEFFFROM alpine\nRUN true\n'), shown: ['FROM alpine', 'RUN true'] },
    { name: 'UTF-16LE with BOM is decoded', bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('héllo\nwörld\n', 'utf16le')]), shown: ['héllo', 'wörld'] },
    { name: 'unicode text', bytes: Buffer.from('naïve ☃ 😀\n日本語\n'), shown: ['naïve ☃ 😀', '日本語'] },
    { name: 'blank lines kept', bytes: Buffer.from('a\n\n\nb\n'), shown: ['a', '', '', 'b'] },
  ])('$name', async ({ bytes, shown }) => {
    await sandbox.write('f.txt', bytes);
    const result = await sandbox.run(readTool, { file_path: sandbox.path('f.txt') });
    expect(result.isError).toBeFalsy();
    expect(result.content).toBe(numbered(shown));
  });

  test('a relative path is taken from the project root', async () => {
    await sandbox.write('sub/x.txt', 'hello\n');
    expect((await sandbox.run(readTool, { file_path: 'sub/x.txt' })).content).toBe(numbered(['hello']));
  });

  test('offset and limit select lines and say where to continue', async () => {
    await sandbox.write('f.txt', 'l1\nl2\nl3\nl4\nl5\n');
    const result = await sandbox.run(readTool, { file_path: 'f.txt', offset: 2, limit: 2 });
    expect(result.content).toContain(numbered(['l2', 'l3'], 2));
    expect(result.content).toContain('PARTIAL view: showing lines 2-3');
    expect(result.content).toContain('offset=4');
    const tail = await sandbox.run(readTool, { file_path: 'f.txt', offset: 4 });
    expect(tail.content).toBe(numbered(['l4', 'l5'], 4));
  });

  test('the default line limit, at its edge', async () => {
    const read = createReadTool({ defaultLineLimit: 3 });
    await sandbox.write('three.txt', 'a\nb\nc\n');
    await sandbox.write('four.txt', 'a\nb\nc\nd\n');
    expect((await sandbox.run(read, { file_path: 'three.txt' })).content).toBe(numbered(['a', 'b', 'c']));
    const four = await sandbox.run(read, { file_path: 'four.txt' });
    expect(four.content).toContain(numbered(['a', 'b', 'c']));
    expect(four.content).toContain('the line limit was reached');
    expect(four.content).not.toContain('\td');
  });

  test('Claude Code defaults: 2000 lines, 2000 characters a line', async () => {
    const lines = Array.from({ length: 2001 }, (_, i) => `line ${i + 1}`);
    await sandbox.write('long.txt', lines.join('\n') + '\n');
    const result = await sandbox.run(readTool, { file_path: 'long.txt' });
    expect(result.content).toContain('  2000\tline 2000');
    expect(result.content).not.toContain('line 2001');
    expect(result.content).toContain('offset=2001');
  });

  test('a long line is cut at the character limit, not one character before', async () => {
    const exact = 'x'.repeat(READ_MAX_LINE_CHARS);
    const over = 'y'.repeat(READ_MAX_LINE_CHARS + 5);
    await sandbox.write('f.txt', `${exact}\n${over}\n`);
    const result = await sandbox.run(readTool, { file_path: 'f.txt' });
    const [first, second] = result.content.split('\n');
    expect(first).toBe(`     1\t${exact}`);
    expect(second).toBe(`     2\t${'y'.repeat(READ_MAX_LINE_CHARS)}… [line cut: 5 more characters]`);
  });

  test('the output byte cap, at its edge', async () => {
    await sandbox.write('f.txt', 'aaaa\nbbbb\n');
    const twoLines = Buffer.byteLength(numbered(['aaaa', 'bbbb']) + '\n');
    const fits = await sandbox.run(createReadTool({ maxOutputBytes: twoLines }), { file_path: 'f.txt' });
    expect(fits.content).toBe(numbered(['aaaa', 'bbbb']));
    const cut = await sandbox.run(createReadTool({ maxOutputBytes: twoLines - 1 }), { file_path: 'f.txt' });
    expect(cut.content).toContain(numbered(['aaaa']));
    expect(cut.content).not.toContain('bbbb');
    expect(cut.content).toContain('the output size cap was reached');
    expect(cut.content).toContain('offset=2');
  });

  test('a line far longer than a read chunk is cut with the right count, and the next line still shows', async () => {
    const huge = 'z'.repeat(1_000_000);
    await sandbox.write('min.js', `${huge}\nnext line\n${huge}`);
    const result = await sandbox.run(readTool, { file_path: 'min.js' });
    const [first, second, third] = result.content.split('\n');
    expect(first).toBe(`     1\t${'z'.repeat(READ_MAX_LINE_CHARS)}… [line cut: ${1_000_000 - READ_MAX_LINE_CHARS} more characters]`);
    expect(second).toBe('     2\tnext line');
    expect(third).toBe(`     3\t${'z'.repeat(READ_MAX_LINE_CHARS)}… [line cut: ${1_000_000 - READ_MAX_LINE_CHARS} more characters]`);
  });

  test('a multi-byte character split across read chunks stays whole', async () => {
    const filler = 'a'.repeat(65535);
    await sandbox.write('f.txt', `${filler}😀tail\n`);
    const result = await sandbox.run(createReadTool({ maxLineChars: 70_000 }), { file_path: 'f.txt' });
    expect(result.content.endsWith('😀tail')).toBe(true);
  });

  test('binary files are detected and not shown', async () => {
    await sandbox.write('app.bin', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01, 0x02]));
    const result = await sandbox.run(readTool, { file_path: 'app.bin' });
    expect(result.content).toMatch(/is a binary file \(7 bytes\)/);
  });

  test('the binary sniff window, at its edge', async () => {
    await sandbox.write('late-nul.txt', Buffer.concat([Buffer.from('abcdefg'), Buffer.from([0]), Buffer.from('\n')]));
    const sniffEight = await sandbox.run(createReadTool({ binarySniffBytes: 8 }), { file_path: 'late-nul.txt' });
    expect(sniffEight.content).toContain('is a binary file');
    const sniffSeven = await sandbox.run(createReadTool({ binarySniffBytes: 7 }), { file_path: 'late-nul.txt' });
    expect(sniffSeven.content).toBe(numbered(['abcdefg\0']));
  });

  test('an empty file says so', async () => {
    await sandbox.write('empty.txt', '');
    expect((await sandbox.run(readTool, { file_path: 'empty.txt' })).content).toContain('the file exists but the contents are empty');
  });

  test('an offset past the end says how long the file is', async () => {
    await sandbox.write('f.txt', 'a\nb\n');
    expect((await sandbox.run(readTool, { file_path: 'f.txt', offset: 10 })).content).toContain('shorter than the provided offset (10). The file has 2 lines');
  });

  test('images and PDFs are named, not dumped', async () => {
    await sandbox.write('logo.PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    expect((await sandbox.run(readTool, { file_path: 'logo.PNG' })).content).toMatch(/image or PDF .*cannot show/);
  });

  test.each([
    { name: 'missing file', setup: async () => undefined, path: 'nope.txt', error: /File does not exist: .*nope\.txt/ },
    { name: 'directory', setup: async () => void (await mkdir(sandbox.path('dir'))), path: 'dir', error: /is a directory/ },
    { name: 'NUL in the path', setup: async () => undefined, path: 'a\0b', error: /NUL byte/ },
  ])('error: $name', async ({ setup, path, error }) => {
    await setup();
    const result = await sandbox.run(readTool, { file_path: path });
    expect(result.isError).toBe(true);
    expect(result.content).toMatch(error);
  });

  test('a missing file suggests a sibling that differs in case or extension', async () => {
    await sandbox.write('docker-compose.yml', 'services: {}\n');
    const result = await sandbox.run(readTool, { file_path: 'docker-compose.yaml' });
    expect(result.isError).toBe(true);
    expect(result.content).toContain(`Did you mean ${sandbox.path('docker-compose.yml')}?`);
  });

  test('a FIFO is refused without hanging', async () => {
    await execa('mkfifo', [sandbox.path('pipe')]);
    const result = await sandbox.run(readTool, { file_path: 'pipe' });
    expect(result.isError).toBe(true);
    expect(result.content).toContain('not a regular file');
  });

  test('a Read is recorded with the file mtime and size', async () => {
    const abs = await sandbox.write('f.txt', 'hello\n');
    expect(sandbox.ctx.fileState.get(abs)).toBeUndefined();
    await sandbox.run(readTool, { file_path: abs });
    const st = await stat(abs);
    expect(sandbox.ctx.fileState.get(abs)).toEqual({ mtimeMs: st.mtimeMs, size: 6 });
  });

  test('a symlink is read through (confinement is the permission gate\'s job) and recorded under the link path', async () => {
    const target = await sandbox.write('real.txt', 'real\n');
    await symlink(target, sandbox.path('link.txt'));
    expect((await sandbox.run(readTool, { file_path: 'link.txt' })).content).toBe(numbered(['real']));
    expect(sandbox.ctx.fileState.get(sandbox.path('link.txt'))).toBeDefined();
  });

  test('schema: read-only, concurrency safe, unknown keys rejected', () => {
    expect(readTool.isReadOnly({ file_path: 'x' })).toBe(true);
    expect(readTool.isConcurrencySafe({ file_path: 'x' })).toBe(true);
    expect(readTool.inputSchema.safeParse({ file_path: 'x', bogus: 1 }).success).toBe(false);
    expect(readTool.inputSchema.safeParse({ offset: 1 }).success).toBe(false);
  });
});
