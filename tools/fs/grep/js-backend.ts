import { open } from 'node:fs/promises';
import vm from 'node:vm';
import { detectEncoding } from '../text-codec.js';
import { compileSearchRegex } from './js-regex.js';
import { SearchError, searchTimeoutError, type FileHits, type HitLine, type MatchStart, type SearchRequest } from './search-types.js';
import { walkSearchFiles } from './walk.js';

/** Files loaded together and matched in one guarded call (amortizes the watchdog thread). */
const BATCH_FILES = 32;

/** The fallback when rg is not installed: same files, same matches, same order as our rg invocation. */
export async function* searchWithJs(request: SearchRequest, signal: AbortSignal): AsyncGenerator<FileHits> {
  if (signal.aborted) throw new SearchError('search aborted');
  const deadline = Date.now() + request.timeoutMs;
  const regex = compileSearchRegex(request.pattern, { ignoreCase: request.ignoreCase, multiline: request.multiline });
  const walkSignal = AbortSignal.any([signal, AbortSignal.timeout(request.timeoutMs)]);
  const files = request.rootIsFile ? single(request.root) : walkSearchFiles(request.root, { globs: request.globs, type: request.type, signal: walkSignal });
  // Files are loaded in batches (their I/O overlaps), then the batch is matched in one guarded call,
  // in walk order.
  const batch: Array<{ file: string; text: Promise<string | undefined> }> = [];
  const matchBatch = async (): Promise<FileHits[]> => {
    const loaded = await Promise.all(batch.map((entry) => entry.text));
    const files = batch.splice(0).map((entry) => entry.file);
    const search = request.multiline ? searchWhole : searchLines;
    return withinDeadline(
      () =>
        loaded.flatMap((text, i) => {
          if (text === undefined || text === '') return []; // rg finds nothing in an empty file, not even `^`
          const hits = search(text, regex, request);
          return hits.matches.length > 0 ? [{ path: files[i], ...hits }] : [];
        }),
      deadline,
      request.timeoutMs,
    );
  };
  for await (const file of files) {
    if (signal.aborted) throw new SearchError('search aborted');
    if (Date.now() > deadline) throw searchTimeoutError(request.timeoutMs);
    batch.push({ file, text: loadSearchableText(file, request.maxFileBytes) });
    if (batch.length >= BATCH_FILES) yield* await matchBatch();
  }
  if (batch.length > 0) yield* await matchBatch();
  if (walkSignal.aborted && !signal.aborted) throw searchTimeoutError(request.timeoutMs);
}

/**
 * JS regular expressions backtrack: a pattern such as `(a+)+$` can run for hours on one line, where rg's
 * engine is linear. Each batch of files is therefore matched under a vm watchdog that interrupts it at
 * the deadline (V8 stops even a running regex).
 */
const guardedCall = new vm.Script('result = run()');
const guardContext = vm.createContext({ run: (): unknown => undefined, result: undefined as unknown });

function withinDeadline<T>(run: () => T, deadline: number, timeoutMs: number): T {
  const remaining = deadline - Date.now();
  if (remaining <= 0) throw searchTimeoutError(timeoutMs);
  guardContext.run = run;
  try {
    guardedCall.runInContext(guardContext, { timeout: remaining });
    return guardContext.result as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw searchTimeoutError(timeoutMs);
    throw error;
  } finally {
    guardContext.run = () => undefined;
    guardContext.result = undefined;
  }
}

async function* single(path: string): AsyncGenerator<string> {
  yield path;
}

/** The file's text, or undefined when rg would skip it: too large, unreadable, or binary (a NUL byte). */
async function loadSearchableText(file: string, maxFileBytes: number): Promise<string | undefined> {
  try {
    const handle = await open(file, 'r');
    let bytes: Buffer;
    try {
      if ((await handle.stat()).size > maxFileBytes) return undefined;
      bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
    const { encoding, bomLength } = detectEncoding(bytes);
    if (encoding === 'utf8' && bytes.includes(0)) return undefined;
    return bytes.subarray(bomLength).toString(encoding);
  } catch {
    return undefined;
  }
}

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function searchLines(text: string, regex: RegExp, request: SearchRequest): Omit<FileHits, 'path'> {
  const lines = splitLines(text);
  const matchLines = new Set<number>();
  const matches: MatchStart[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index];
    regex.lastIndex = 0;
    for (let m = regex.exec(line); m !== null; m = regex.exec(line)) {
      matchLines.add(index + 1);
      matches.push({ line: index + 1, text: m[0] });
      if (request.namesOnly) return { lines: [], matches };
      if (m[0] === '') regex.lastIndex = advance(line, regex.lastIndex);
    }
  }
  return { lines: request.namesOnly ? [] : withContext(lines, matchLines, request), matches };
}

function searchWhole(text: string, regex: RegExp, request: SearchRequest): Omit<FileHits, 'path'> {
  const lines = splitLines(text);
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const lineOf = (offset: number): number => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lineStarts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  };
  const matchLines = new Set<number>();
  const matches: MatchStart[] = [];
  regex.lastIndex = 0;
  for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
    const first = lineOf(m.index);
    const last = lineOf(m.index + Math.max(0, m[0].length - 1));
    for (let n = first; n <= last; n += 1) matchLines.add(n);
    matches.push({ line: first, text: m[0] });
    if (request.namesOnly) break;
    if (m[0] === '') regex.lastIndex = advance(text, regex.lastIndex);
  }
  return { lines: request.namesOnly ? [] : withContext(lines, matchLines, request), matches };
}

function advance(text: string, index: number): number {
  const code = text.codePointAt(index);
  return index + (code !== undefined && code > 0xffff ? 2 : 1);
}

function withContext(lines: string[], matchLines: Set<number>, request: SearchRequest): HitLine[] {
  const shown = new Set<number>();
  for (const n of matchLines) {
    for (let k = Math.max(1, n - request.before); k <= Math.min(lines.length, n + request.after); k += 1) shown.add(k);
  }
  return [...shown].sort((a, b) => a - b).map((n) => ({ number: n, text: lines[n - 1], isMatch: matchLines.has(n) }));
}
