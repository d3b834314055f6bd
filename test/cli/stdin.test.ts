/**
 * cli/stdin.ts: the synchronous read of a descriptor the Claude Code hook uses (no stdio streams), and its hand-over to
 * the stream reader when the descriptor is non-blocking and has nothing yet (a FIFO opened O_NONBLOCK here).
 */
import { execFileSync } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../cli/io.js';
import { readFdTextSync, readStdinText } from '../../cli/stdin.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'de-stdin-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fdOf(text: string | Buffer): number {
  const file = path.join(dir, `in-${Math.random()}`);
  writeFileSync(file, text);
  return openSync(file, 'r');
}

describe('readFdTextSync', () => {
  it('reads to the end as UTF-8, a BOM dropped, more than one buffer long', () => {
    const big = `\uFEFF${'é'.repeat(100_000)}x`;
    const fd = fdOf(big);
    expect(readFdTextSync(fd, 1 << 20, 'too large')).toEqual({ text: big.slice(1) });
    closeSync(fd);
  });

  it('exactly the limit is read; one byte more is the usage error', () => {
    for (const [text, ok] of [['12345', true], ['123456', false]] as const) {
      const fd = fdOf(text);
      if (ok) expect(readFdTextSync(fd, 5, 'too large')).toEqual({ text });
      else expect(() => readFdTextSync(fd, 5, 'too large')).toThrow(UsageError);
      closeSync(fd);
    }
  });

  it.skipIf(process.platform === 'win32')('a non-blocking descriptor with nothing yet hands what it read to the stream reader', async () => {
    const fifo = path.join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    const writer = openSync(fifo, constants.O_WRONLY);
    writeSync(writer, 'first ');
    const read = readFdTextSync(reader, 100, 'too large');
    expect(read).toEqual({ rest: [Buffer.from('first ')] });
    closeSync(writer);
    closeSync(reader);
    if (!('rest' in read)) return;
    expect(await readStdinText(Readable.from([Buffer.from('and the rest')]), 100, 'too large', read.rest)).toBe('first and the rest');
    // What was read before counts toward the limit.
    await expect(readStdinText(Readable.from([Buffer.from('and the rest')]), 10, 'too large', read.rest)).rejects.toThrow(UsageError);
  });
});
