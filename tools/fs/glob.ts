import { lstat, readdir } from 'node:fs/promises';
import { isAbsolute, join, posix, relative, sep } from 'node:path';
import { lazyPicomatch } from '../../agent/lazy-modules.js';
import * as z from 'zod';
import type { Tool, ToolContext, ToolResult } from '../tool.js';
import { GLOB_MAX_RESULTS, GLOB_MAX_VISITED } from './limits.js';
import { ToolInputError, displayPath, resolveToolPath } from './resolve-path.js';
import { errorResult, fsErrorMessage } from './results.js';

export interface GlobLimits {
  maxResults: number;
  maxVisited: number;
}

/** Never listed: version control internals and installed dependencies. */
export const GLOB_SKIPPED_DIRS: ReadonlySet<string> = new Set(['.git', 'node_modules']);

const inputSchema = z.strictObject({
  pattern: z.string().min(1).describe('The glob pattern to match files against, relative to path (e.g. "**/*.ts", "src/**/Dockerfile*")'),
  path: z.string().optional().describe('The folder to search in. If not specified, the project root is used. IMPORTANT: omit this field to use the default folder; do not enter "undefined" or "null"'),
});
export type GlobInput = z.infer<typeof inputSchema>;

function describeGlob(limits: GlobLimits): string {
  return [
    'Fast file pattern matching that works with any codebase size.',
    '',
    'Usage:',
    '- Supports glob patterns like "**/*.js", "src/**/*.ts", "**/{Dockerfile,*.dockerfile}", "k8s/*.y?(a)ml".',
    '- Returns matching file paths sorted by modification time, newest first, relative to the project root.',
    `- At most ${limits.maxResults} paths are listed; the result says when it was cut. Narrow the pattern or path then.`,
    '- .git and node_modules are skipped; .gitignore is not applied, hidden files are included.',
    '- Use it to find files by name; use Grep to search file contents.',
  ].join('\n');
}

export function createGlobTool(overrides: Partial<GlobLimits> = {}): Tool<GlobInput> {
  const limits: GlobLimits = { maxResults: GLOB_MAX_RESULTS, maxVisited: GLOB_MAX_VISITED, ...overrides };
  return {
    name: 'Glob',
    description: describeGlob(limits),
    inputSchema,
    isReadOnly: () => true,
    isConcurrencySafe: () => true,
    call: (input, ctx) => globFiles(input, ctx, limits).catch((error) => errorResult(fsErrorMessage(error, input.path))),
  };
}

async function globFiles(input: GlobInput, ctx: ToolContext, limits: GlobLimits): Promise<ToolResult> {
  const base = resolveToolPath(ctx, input.path ?? ctx.cwd, 'path');
  if (!(await lstat(base)).isDirectory()) throw new ToolInputError(`path must be a folder: ${base}`);
  const pattern = patternUnder(base, input.pattern);
  const isMatch = lazyPicomatch()(pattern, { dot: true, posix: true });
  const found: Array<{ path: string; mtimeMs: number }> = [];
  let visited = 0;
  let walkCut = false;

  // Walk only where the pattern can match: from its literal prefix (`src/` of `src/**/*.ts`), and no
  // deeper than its segment count unless it has a globstar.
  const scanned = lazyPicomatch().scan(pattern);
  const literalPrefix = scanned.isGlob ? scanned.base : posix.dirname(pattern).replace(/^\.$/, '');
  const start = literalPrefix ? join(base, literalPrefix) : base;
  const maxDepth = pattern.includes('**') ? Infinity : pattern.split('/').length;
  // Breadth-first with an explicit queue: no recursion depth to worry about on deep trees.
  const queue = [{ dir: start, depth: literalPrefix ? literalPrefix.split('/').length : 0 }];
  for (let next = 0; next < queue.length && !ctx.signal.aborted; next += 1) {
    const { dir, depth } = queue[next];
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (++visited > limits.maxVisited) {
        walkCut = true;
        break;
      }
      const abs = join(dir, entry.name);
      if (entry.isDirectory()) {
        // symlinked folders are not entered (readdir reports them as links, not folders)
        // the session folder (transcripts, saved outputs) is the runtime's, not the project's
        if (!GLOB_SKIPPED_DIRS.has(entry.name) && abs !== ctx.sessionDir && depth + 1 < maxDepth) queue.push({ dir: abs, depth: depth + 1 });
        continue;
      }
      if (!isMatch(relative(base, abs).split(sep).join('/'))) continue;
      const stat = await lstat(abs).catch(() => undefined);
      if (stat) found.push({ path: abs, mtimeMs: stat.mtimeMs });
    }
    if (walkCut) break;
  }
  if (found.length === 0) return { content: walkCut ? `No files found in the first ${limits.maxVisited} entries visited; narrow the path.` : 'No files found' };
  found.sort((a, b) => b.mtimeMs - a.mtimeMs || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const shown = found.slice(0, limits.maxResults).map((f) => displayPath(ctx, f.path));
  const notes: string[] = [];
  if (found.length > limits.maxResults) notes.push(`(Results are truncated: showing ${limits.maxResults} of ${found.length}. Consider using a more specific path or pattern.)`);
  if (walkCut) notes.push(`(The search stopped after visiting ${limits.maxVisited} entries; files further in the tree are not listed.)`);
  return { content: [...shown, ...notes].join('\n') };
}

/**
 * The pattern as a path relative to `base`. An absolute pattern must lie inside `base`, and `..` is refused:
 * the permission gate judged `path`, so the pattern may not reach outside it.
 */
function patternUnder(base: string, pattern: string): string {
  let relativePattern = pattern;
  if (isAbsolute(pattern)) {
    const prefix = base.endsWith('/') ? base : base + '/';
    if (!pattern.startsWith(prefix)) throw new ToolInputError(`An absolute pattern must be inside the searched folder ${base}; give path and a relative pattern instead.`);
    relativePattern = pattern.slice(prefix.length);
  }
  if (relativePattern.startsWith('./')) relativePattern = relativePattern.slice(2);
  if (relativePattern.split('/').includes('..')) throw new ToolInputError('The pattern may not contain "..": set path to the folder to search instead.');
  return relativePattern;
}
