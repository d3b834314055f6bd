import { stat } from 'node:fs/promises';
import type { ToolContext, ToolResult } from '../../tool.js';
import { displayPath } from '../resolve-path.js';
import { contentRows, matchCount } from './render.js';
import type { FileHits } from './search-types.js';

/** How a page of Grep output is cut: the model's offset/head_limit and the tool's caps. */
export interface PageOptions {
  offset: number;
  /** 0 = no limit. */
  limit: number;
  maxOutputBytes: number;
  maxLineChars: number;
}

/** Which rows of content mode to show. */
export interface ContentOptions {
  withPath: boolean;
  lineNumbers: boolean;
  onlyMatching: boolean;
  separators: boolean;
}

/** files_with_matches: the files, newest first (ties by path). */
export async function filesResult(results: AsyncGenerator<FileHits>, ctx: ToolContext, { offset, limit, maxOutputBytes }: PageOptions): Promise<ToolResult> {
  const found: Array<{ path: string; mtimeMs: number }> = [];
  for await (const hits of results) found.push({ path: hits.path, mtimeMs: await mtimeOf(hits.path) });
  if (found.length === 0) return { content: 'No files found' };
  found.sort((a, b) => b.mtimeMs - a.mtimeMs || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const rows = found.map((f) => displayPath(ctx, f.path));
  const page = paginate(rows, offset, limit, rows.length);
  return { content: capOutput(`Found ${found.length} file${found.length === 1 ? '' : 's'}\n${page.rows.join('\n')}${page.note}`, maxOutputBytes) };
}

/** count: `path:N` rows and a total. */
export async function countResult(results: AsyncGenerator<FileHits>, ctx: ToolContext, { offset, limit, maxOutputBytes }: PageOptions): Promise<ToolResult> {
  const rows: string[] = [];
  let total = 0;
  for await (const hits of results) {
    const count = matchCount(hits);
    total += count;
    rows.push(`${displayPath(ctx, hits.path)}:${count}`);
  }
  if (rows.length === 0) return { content: 'No matches found' };
  const page = paginate(rows, offset, limit, rows.length);
  const summary = `\n\nFound ${total} total occurrence${total === 1 ? '' : 's'} across ${rows.length} file${rows.length === 1 ? '' : 's'}.`;
  return { content: capOutput(page.rows.join('\n') + summary + page.note, maxOutputBytes) };
}

/** content: rg-style rows; the search stops once the page is full. */
export async function contentResult(results: AsyncGenerator<FileHits>, ctx: ToolContext, content: ContentOptions, { offset, limit, maxOutputBytes, maxLineChars }: PageOptions): Promise<ToolResult> {
  const style = { ...content, maxLineChars, show: (p: string) => displayPath(ctx, p) };
  const rows: string[] = [];
  let firstFile = true;
  let complete = true;
  for await (const hits of results) {
    rows.push(...contentRows(hits, style, firstFile));
    firstFile = false;
    // One row past the page tells us more follow; the rest of the search is not needed.
    if (limit > 0 && rows.length > offset + limit) {
      complete = false;
      break;
    }
  }
  if (rows.length === 0) return { content: 'No matches found' };
  const page = paginate(rows, offset, limit, complete ? rows.length : undefined);
  return { content: capOutput(page.rows.join('\n') + page.note, maxOutputBytes) };
}

function paginate(rows: string[], offset: number, limit: number, total: number | undefined): { rows: string[]; note: string } {
  const end = limit > 0 ? offset + limit : rows.length;
  const shown = rows.slice(offset, end);
  const more = total === undefined || total > end;
  if (!more && offset === 0) return { rows: shown, note: '' };
  if (shown.length === 0) return { rows: shown, note: `\n\n[No results at offset ${offset}${total === undefined ? '' : `; there are ${total}`}]` };
  const of = total === undefined ? 'more follow' : `of ${total}`;
  const next = more ? `; pass offset=${end} for the next page` : '';
  return { rows: shown, note: `\n\n[Showing results ${offset + 1}-${offset + shown.length} (${of}) with head_limit=${limit}, offset=${offset}${next}]` };
}

function capOutput(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text) <= maxBytes) return text;
  const cut = Buffer.from(text).subarray(0, maxBytes).toString('utf8').replace(/\uFFFD$/, '');
  const whole = cut.lastIndexOf('\n') > 0 ? cut.slice(0, cut.lastIndexOf('\n')) : cut;
  return `${whole}\n\n[Output cut at ${maxBytes} bytes; narrow the search with path, glob, type, head_limit or offset]`;
}

async function mtimeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).mtimeMs;
  } catch {
    return 0;
  }
}
