import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { basename, delimiter, dirname, join, resolve } from 'node:path';
import { SearchError, searchTimeoutError, type FileHits, type HitLine, type MatchStart, type SearchRequest } from './search-types.js';

/** The first executable `rg` on PATH, or undefined. */
export async function findRipgrep(pathVariable = process.env.PATH ?? ''): Promise<string | undefined> {
  for (const dir of pathVariable.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, 'rg');
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/**
 * Flags that make rg's file selection what the fallback reproduces: no config file, hidden files
 * searched, `.gitignore` respected even outside a git repository, no global or `.ignore` files,
 * deterministic order.
 */
export function ripgrepArgs(request: SearchRequest): string[] {
  const args = ['--no-config', '--hidden', '--no-require-git', '--no-ignore-global', '--no-ignore-exclude', '--no-ignore-dot', '--sort', 'path'];
  args.push('--max-filesize', String(request.maxFileBytes));
  args.push(...(request.namesOnly ? ['--files-with-matches', '--null'] : ['--json']));
  if (request.ignoreCase) args.push('--ignore-case');
  if (request.multiline) args.push('--multiline', '--multiline-dotall');
  if (!request.namesOnly && request.before > 0) args.push('--before-context', String(request.before));
  if (!request.namesOnly && request.after > 0) args.push('--after-context', String(request.after));
  if (request.type !== undefined) args.push('--type', request.type);
  for (const { glob, ignoreCase } of request.globs) args.push(ignoreCase ? '--iglob' : '--glob', glob);
  args.push('--regexp', request.pattern, '--', request.rootIsFile ? basename(request.root) : '.');
  return args;
}

/** Runs rg (argv only, no shell) from the search root, so `--glob` patterns anchor there as in the fallback. */
export function ripgrepBackend(rgPath: string) {
  return async function* searchWithRipgrep(request: SearchRequest, signal: AbortSignal): AsyncGenerator<FileHits> {
    const cwd = request.rootIsFile ? dirname(request.root) : request.root;
    // Imported here, not at the top: a run that never greps with rg does not load execa's modules.
    const { execa } = await import('execa');
    const child = execa(rgPath, ripgrepArgs(request), {
      cwd,
      reject: false,
      stdin: 'ignore',
      cancelSignal: signal,
      timeout: request.timeoutMs,
      forceKillAfterDelay: 1000,
      stripFinalNewline: false,
      buffer: { stdout: false, stderr: true },
      maxBuffer: { stderr: 64 * 1024 },
    });
    const toAbsolute = (p: string): string => resolve(cwd, p);
    let yielded = false;
    try {
      if (request.namesOnly) {
        for await (const path of namesFrom(child.iterable({ from: 'stdout', binary: true }))) {
          yielded = true;
          yield { path: toAbsolute(path), lines: [], matches: [{ line: 0, text: '' }] };
        }
      } else {
        for await (const hits of hitsFromJson(child.iterable({ from: 'stdout' }))) {
          yielded = true;
          yield { ...hits, path: toAbsolute(hits.path) };
        }
      }
      const result = await child;
      if (result.timedOut) throw searchTimeoutError(request.timeoutMs);
      if (result.isCanceled) throw new SearchError('search aborted');
      // 0: matches, 1: none, 2 with results: some files could not be read (rg still answered).
      const answered = result.exitCode === 0 || result.exitCode === 1 || (result.exitCode === 2 && yielded);
      if (!answered) throw new SearchError(String(result.stderr ?? '').trim() || `rg failed: ${result.shortMessage}`);
    } finally {
      if (child.exitCode === null) child.kill();
      await child.catch(() => undefined);
    }
  };
}

async function* namesFrom(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  let pending = Buffer.alloc(0);
  for await (const chunk of chunks) {
    pending = Buffer.concat([pending, chunk]);
    let nul = pending.indexOf(0);
    while (nul !== -1) {
      yield pending.subarray(0, nul).toString('utf8');
      pending = pending.subarray(nul + 1);
      nul = pending.indexOf(0);
    }
  }
}

interface RgText {
  text?: string;
  bytes?: string;
}

interface RgLineMessage {
  path: RgText;
  lines: RgText;
  line_number: number;
  submatches: Array<{ match: RgText; start: number; end: number }>;
}

function textOf(value: RgText): string {
  return value.text ?? Buffer.from(value.bytes ?? '', 'base64').toString('utf8');
}

/** Groups rg's JSON Lines (begin, match, context, end) into one FileHits per file. */
async function* hitsFromJson(lines: AsyncIterable<string>): AsyncGenerator<FileHits> {
  let current: FileHits | undefined;
  for await (const line of lines) {
    if (!line.startsWith('{')) continue;
    const message = JSON.parse(line) as { type: string; data: RgLineMessage };
    if (message.type === 'begin') {
      current = { path: textOf(message.data.path), lines: [], matches: [] };
    } else if (message.type === 'end') {
      if (current && current.matches.length > 0) yield current;
      current = undefined;
    } else if (current && (message.type === 'match' || message.type === 'context')) {
      addLines(current, message.data, message.type === 'match');
    }
  }
}

function addLines(hits: FileHits, data: RgLineMessage, isMatch: boolean): void {
  const block = textOf(data.lines);
  const split = block.split('\n');
  if (split.length > 1 && split[split.length - 1] === '') split.pop();
  split.forEach((text, i) => hits.lines.push({ number: data.line_number + i, text, isMatch } satisfies HitLine));
  if (!isMatch) return;
  const bytes = Buffer.from(block, 'utf8');
  for (const sub of data.submatches) {
    const before = bytes.subarray(0, sub.start);
    let newlines = 0;
    for (const byte of before) if (byte === 0x0a) newlines += 1;
    hits.matches.push({ line: data.line_number + newlines, text: textOf(sub.match) } satisfies MatchStart);
  }
}
