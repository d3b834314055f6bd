import { constants } from 'node:fs';
import { open, readdir, stat as statPath } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import * as z from 'zod';
import type { Tool, ToolContext, ToolResult } from '../tool.js';
import { BINARY_SNIFF_BYTES, READ_DEFAULT_LINE_LIMIT, READ_MAX_LINE_CHARS, READ_MAX_OUTPUT_BYTES } from './limits.js';
import { cutLine, numberLine } from './line-numbers.js';
import { recordRead } from './read-state.js';
import { ToolInputError, resolveToolPath } from './resolve-path.js';
import { detectEncoding, looksBinary } from './text-codec.js';
import { errorResult, fsErrorMessage } from './results.js';

export interface ReadLimits {
  defaultLineLimit: number;
  maxLineChars: number;
  maxOutputBytes: number;
  binarySniffBytes: number;
}

const inputSchema = z.strictObject({
  file_path: z.string().describe('The absolute path to the file to read (a relative path is taken from the project root)'),
  offset: z.number().int().min(0).optional().describe('The line number to start reading from (1 is the first line). Only provide if the file is too large to read at once'),
  limit: z.number().int().min(1).optional().describe('The number of lines to read. Only provide if the file is too large to read at once'),
});
export type ReadInput = z.infer<typeof inputSchema>;

const IMAGE_OR_DOCUMENT = new Set(['.png', '.jpg', '.jpeg', '.gif', '.webp', '.bmp', '.ico', '.tiff', '.pdf']);
const CHUNK_BYTES = 64 * 1024;

export function createReadTool(overrides: Partial<ReadLimits> = {}): Tool<ReadInput> {
  const limits: ReadLimits = {
    defaultLineLimit: READ_DEFAULT_LINE_LIMIT,
    maxLineChars: READ_MAX_LINE_CHARS,
    maxOutputBytes: READ_MAX_OUTPUT_BYTES,
    binarySniffBytes: BINARY_SNIFF_BYTES,
    ...overrides,
  };
  return {
    name: 'Read',
    description: describeRead(limits),
    inputSchema,
    isReadOnly: () => true,
    isConcurrencySafe: () => true,
    call: (input, ctx) =>
      readFileTool(input, ctx, limits).catch(async (error) => {
        const hint = (error as NodeJS.ErrnoException).code === 'ENOENT' ? await similarNames((error as NodeJS.ErrnoException).path) : '';
        return errorResult(fsErrorMessage(error, input.file_path) + hint);
      }),
  };
}

function describeRead(limits: ReadLimits): string {
  return [
    'Reads a file from the local filesystem.',
    '',
    'Usage:',
    '- file_path should be an absolute path; a relative path is taken from the project root.',
    `- By default it reads up to ${limits.defaultLineLimit} lines from the start of the file. For long files give an offset (1-based line number) and a limit, or search first with Grep.`,
    `- Lines longer than ${limits.maxLineChars} characters are cut, and the output is capped at ${limits.maxOutputBytes} bytes; a cut view says so and tells you the offset to continue from.`,
    '- Results use `cat -n` format: the line number, a tab, then the line exactly as in the file. Never include the number prefix in an Edit old_string.',
    '- Binary files, images and PDFs are not shown: the result says what the file is. An empty file is reported as empty.',
    '- It reads files only, not folders: use Glob to list files.',
    '- Read a file before you Edit or overwrite it: the edit tools refuse files not read in this session or changed since.',
    '- You can call several Reads in parallel when you need several files.',
  ].join('\n');
}

async function readFileTool(input: ReadInput, ctx: ToolContext, limits: ReadLimits): Promise<ToolResult> {
  const absPath = resolveToolPath(ctx, input.file_path);
  const before = await statPath(absPath);
  if (before.isDirectory()) throw new ToolInputError(`${absPath} is a directory, not a file. Use Glob to list its files.`);
  if (!before.isFile()) throw new ToolInputError(`${absPath} is not a regular file.`);
  // O_NONBLOCK: a FIFO swapped in after the stat must not hang the session.
  const handle = await open(absPath, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new ToolInputError(`${absPath} is not a regular file.`);
    if (IMAGE_OR_DOCUMENT.has(extname(absPath).toLowerCase())) {
      return { content: `${absPath} is an image or PDF (${stat.size} bytes). This runtime cannot show images or documents to the model; describe what you need from it or inspect it with another tool.` };
    }
    const firstOffset = input.offset && input.offset > 0 ? input.offset : 1;
    const lineLimit = input.limit ?? limits.defaultLineLimit;
    const view = await readLines(handle, firstOffset, lineLimit, limits, stat.size);
    recordRead(ctx, absPath, stat);
    if (view.binary) return { content: `${absPath} is a binary file (${stat.size} bytes); it cannot be shown as text.` };
    if (stat.size === 0 || view.totalSeen === 0) {
      return { content: '<system-reminder>Warning: the file exists but the contents are empty.</system-reminder>' };
    }
    if (view.lines.length === 0) {
      return { content: `<system-reminder>Warning: the file exists but is shorter than the provided offset (${firstOffset}). The file has ${view.totalSeen} lines.</system-reminder>` };
    }
    return { content: renderView(view, firstOffset) };
  } finally {
    await handle.close();
  }
}

interface LineView {
  binary: boolean;
  /** Lines shown, already numbered and cut. */
  lines: string[];
  /** Lines seen in the file so far (all of them when the file was read to the end). */
  totalSeen: number;
  /** More lines follow the last one shown. */
  more: boolean;
  /** The byte cap stopped the view before the line limit. */
  cutByBytes: boolean;
}

/** Streams the file and keeps only the asked-for lines, so a huge log costs no more than its first pages. */
async function readLines(handle: Awaited<ReturnType<typeof open>>, firstLine: number, lineLimit: number, limits: ReadLimits, knownSize: number): Promise<LineView> {
  const view: LineView = { binary: false, lines: [], totalSeen: 0, more: false, cutByBytes: false };
  const buffer = Buffer.alloc(CHUNK_BYTES);
  let decoder: StringDecoder | undefined;
  let pending = '';
  // Of a line longer than the cut, only the head is kept: a 1 GB one-line file costs no more than a short one.
  let droppedFromPending = 0;
  let outputBytes = 0;
  let position = 0;
  let done = false;

  const takeLine = (raw: string, dropped = 0): void => {
    view.totalSeen += 1;
    const lineNumber = view.totalSeen;
    if (lineNumber < firstLine) return;
    if (view.lines.length >= lineLimit || view.cutByBytes) {
      view.more = true;
      done = true;
      return;
    }
    const text = numberLine(lineNumber, cutLine(raw.endsWith('\r') ? raw.slice(0, -1) : raw, limits.maxLineChars, dropped));
    const bytes = Buffer.byteLength(text) + 1;
    if (outputBytes + bytes > limits.maxOutputBytes && view.lines.length > 0) {
      view.cutByBytes = true;
      view.more = true;
      done = true;
      return;
    }
    outputBytes += bytes;
    view.lines.push(text);
  };

  let atEnd = false;
  while (!done && !atEnd) {
    const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, position);
    if (bytesRead === 0) break;
    // A short read that reaches the size fstat gave is the end: no second read (one more thread-pool round trip) to be
    // told so. A file that grew since, or a file system that reads short, gets the next read as before.
    atEnd = bytesRead < CHUNK_BYTES && position + bytesRead >= knownSize;
    let chunk = buffer.subarray(0, bytesRead);
    if (position === 0) {
      if (looksBinary(chunk, limits.binarySniffBytes)) return { ...view, binary: true };
      const { encoding, bomLength } = detectEncoding(chunk);
      decoder = new StringDecoder(encoding);
      chunk = chunk.subarray(bomLength);
    }
    position += bytesRead;
    pending += decoder!.write(chunk);
    let newline = pending.indexOf('\n');
    let start = 0;
    while (newline !== -1 && !done) {
      takeLine(pending.slice(start, newline), droppedFromPending);
      droppedFromPending = 0;
      start = newline + 1;
      newline = pending.indexOf('\n', start);
    }
    pending = pending.slice(start);
    const keep = limits.maxLineChars + 1;
    if (pending.length > keep) {
      droppedFromPending += pending.length - keep;
      pending = pending.slice(0, keep);
    }
  }
  if (!done) {
    pending += decoder?.end() ?? '';
    if (pending.length > 0 || droppedFromPending > 0) takeLine(pending, droppedFromPending);
  }
  return view;
}

function renderView(view: LineView, firstLine: number): string {
  const body = view.lines.join('\n');
  if (!view.more) return body;
  const last = firstLine + view.lines.length - 1;
  const why = view.cutByBytes ? 'the output size cap was reached' : 'the line limit was reached';
  return `${body}\n\n<system-reminder>PARTIAL view: showing lines ${firstLine}-${last}; ${why} and the file continues. Call Read with offset=${last + 1} to see more.</system-reminder>`;
}

/** For a missing file: siblings that differ only in case or extension ("Did you mean ...?"). */
async function similarNames(missing: string | undefined): Promise<string> {
  if (!missing) return '';
  const wanted = basename(missing).toLowerCase();
  const stem = (name: string): string => name.toLowerCase().replace(/\.[^.]*$/, '');
  try {
    const near = (await readdir(dirname(missing))).filter((name) => name.toLowerCase() === wanted || stem(name) === stem(wanted)).slice(0, 3);
    return near.length > 0 ? ` Did you mean ${near.map((name) => join(dirname(missing), name)).join(' or ')}?` : '';
  } catch {
    return '';
  }
}
