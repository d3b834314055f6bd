import { UsageError } from './io.js';

/** All of stdin as UTF-8 text (a BOM dropped), refusing more than `maxBytes` with `tooLarge` as the usage error. */
export async function readStdinText(stream: NodeJS.ReadableStream, maxBytes: number, tooLarge: string): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buf.length;
    if (size > maxBytes) throw new UsageError(tooLarge);
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8').replace(/^\uFEFF/, '');
}
