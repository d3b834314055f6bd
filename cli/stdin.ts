import { readSync } from 'node:fs';
import { UsageError } from './io.js';

/**
 * All of stdin as UTF-8 text (a BOM dropped), refusing more than `maxBytes` with `tooLarge` as the usage error.
 * `already`: bytes read before (readFdTextSync's, when the descriptor turned out to be non-blocking).
 */
export async function readStdinText(stream: NodeJS.ReadableStream, maxBytes: number, tooLarge: string, already: Buffer[] = []): Promise<string> {
  const chunks: Buffer[] = [...already];
  let size = already.reduce((n, b) => n + b.length, 0);
  if (size > maxBytes) throw new UsageError(tooLarge);
  for await (const chunk of stream) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buf.length;
    if (size > maxBytes) throw new UsageError(tooLarge);
    chunks.push(buf);
  }
  return textOf(chunks);
}

/**
 * readStdinText on a file descriptor, read synchronously to its end: no stream, so a short-lived process (the Claude
 * Code hook) loads neither node:net nor the stream machinery for it. A descriptor that is non-blocking and has nothing
 * to give yet (EAGAIN) ends the synchronous read: then `rest` is what was read so far, for readStdinText to go on from.
 */
export function readFdTextSync(fd: number, maxBytes: number, tooLarge: string): { text: string } | { rest: Buffer[] } {
  const chunks: Buffer[] = [];
  let size = 0;
  for (;;) {
    const buf = Buffer.allocUnsafe(Math.min(64 * 1024, maxBytes + 1 - size));
    let n: number;
    try {
      n = readSync(fd, buf, 0, buf.length, null);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EAGAIN') return { rest: chunks };
      if ((err as NodeJS.ErrnoException).code === 'EOF') break; // Windows: the other end of a pipe closed.
      throw err;
    }
    if (n === 0) break;
    size += n;
    if (size > maxBytes) throw new UsageError(tooLarge);
    chunks.push(buf.subarray(0, n));
  }
  return { text: textOf(chunks) };
}

function textOf(chunks: Buffer[]): string {
  return Buffer.concat(chunks).toString('utf8').replace(/^\uFEFF/, '');
}
