import * as z from 'zod';
import type { Tool, ToolContext, ToolResult } from '../tool.js';
import { recordRead, staleReason } from './read-state.js';
import { displayPath, resolveToolPath } from './resolve-path.js';
import { WRITE_MAX_BYTES } from './limits.js';
import { errorResult, fsErrorMessage } from './results.js';
import { lstatIfExists, writeFileNoFollow } from './safe-write.js';
import { readFile } from 'node:fs/promises';
import { countPlaceholders, placeholderWriteError } from '../../agent/redaction/placeholder.js';

const inputSchema = z.strictObject({
  file_path: z.string().describe('The absolute path to the file to write (a relative path is taken from the project root)'),
  content: z.string().describe('The content to write to the file'),
});
export type WriteInput = z.infer<typeof inputSchema>;

const DESCRIPTION = [
  'Writes a file to the local filesystem, creating missing parent folders.',
  '',
  'Usage:',
  '- This tool overwrites the existing file if there is one at the path.',
  '- An existing file must have been read with the Read tool in this session, and be unchanged since; otherwise the write is refused.',
  '- Prefer the Edit tool for changing part of an existing file: it sends only the change.',
  '- A symbolic link at the path is never followed: the write is refused.',
  '- Do not create documentation files (*.md, README) unless asked to.',
].join('\n');

export interface WriteLimits {
  /** Most UTF-8 bytes one Write may write (WRITE_MAX_BYTES). */
  maxBytes: number;
}

export function createWriteTool(limits: Partial<WriteLimits> = {}): Tool<WriteInput> {
  const maxBytes = limits.maxBytes ?? WRITE_MAX_BYTES;
  return {
    name: 'Write',
    description: DESCRIPTION,
    inputSchema,
    isReadOnly: () => false,
    isConcurrencySafe: () => false,
    call: (input, ctx) => writeTool(input, ctx, maxBytes).catch((error) => errorResult(fsErrorMessage(error, input.file_path))),
  };
}

async function writeTool(input: WriteInput, ctx: ToolContext, maxBytes: number): Promise<ToolResult> {
  const absPath = resolveToolPath(ctx, input.file_path);
  const size = Buffer.byteLength(input.content, 'utf8');
  if (size > maxBytes) return errorResult(`Refusing to write ${absPath}: the content is ${size} bytes, over the ${maxBytes}-byte limit for one Write (--max-write-bytes). Nothing was written.`);
  const existing = await lstatIfExists(absPath);
  if (existing?.isSymbolicLink()) return errorResult(`Refusing to write ${absPath}: it is a symbolic link (links are never followed when writing).`);
  if (existing?.isDirectory()) return errorResult(`${absPath} is a directory, not a file.`);
  if (existing) {
    const stale = staleReason(ctx, absPath, existing);
    if (stale) return errorResult(stale);
  }
  if (countPlaceholders(input.content) > 0) {
    const current = existing?.isFile() ? (await readFile(absPath)).toString('utf8') : undefined;
    const refused = placeholderWriteError(current, input.content, absPath);
    if (refused) return errorResult(refused);
  }
  const { stat, created } = await writeFileNoFollow(absPath, Buffer.from(input.content, 'utf8'));
  recordRead(ctx, absPath, stat);
  const shown = displayPath(ctx, absPath);
  return {
    content: created ? `File created successfully at: ${shown}` : `The file ${shown} has been updated (${stat.size} bytes).`,
    changedFiles: [absPath],
  };
}
