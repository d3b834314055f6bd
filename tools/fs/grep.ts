import { open, stat } from 'node:fs/promises';
import { isAbsolute, relative } from 'node:path';
import * as z from 'zod';
import type { Tool, ToolContext, ToolResult } from '../tool.js';
import { searchWithJs } from './grep/js-backend.js';
import { contentResult, countResult, filesResult } from './grep/result-pages.js';
import { findRipgrep, ripgrepBackend } from './grep/rg-backend.js';
import { SearchError, type OverrideGlob, type SearchBackend, type SearchRequest } from './grep/search-types.js';
import { BINARY_SNIFF_BYTES, GREP_DEFAULT_HEAD_LIMIT, GREP_MAX_FILE_BYTES, GREP_MAX_LINE_CHARS, GREP_MAX_OUTPUT_BYTES, GREP_TIMEOUT_MS } from './limits.js';
import { ToolInputError, displayPath, resolveToolPath } from './resolve-path.js';
import { errorResult, fsErrorMessage } from './results.js';
import { looksBinary } from './text-codec.js';

export interface GrepOptions {
  /** 'auto' finds `rg` on PATH, false forces the JS fallback, a string is the rg binary to use. */
  ripgrep: 'auto' | false | string;
  defaultHeadLimit: number;
  maxLineChars: number;
  maxOutputBytes: number;
  maxFileBytes: number;
  timeoutMs: number;
  /** Globs never searched inside a tree, added after the model's globs so they win; matched ignoring case (rg `--iglob`). */
  excludeGlobs: readonly string[];
}

/** Version-control folders: never searched (with --hidden, rg would otherwise look inside .git). */
export const VCS_EXCLUDE_GLOBS = ['!.git', '!.svn', '!.hg', '!.bzr', '!.jj', '!.sl'];
/**
 * Secret files are not read without an explicit allow rule (issue 4); a tree search must not open them
 * either. The list follows the permission gate's `isSecretPath` (permissions/paths.ts) as far as
 * globs can: it is stricter on `.env.example`-style templates and `id_*.pub`, which a glob cannot carve
 * out without selecting them. Naming one file as `path` is the gate's decision, not this list's.
 */
export const SECRET_EXCLUDE_GLOBS = [
  '!.env', '!.env.*', '!*.pem', '!*.key', '!*.p12', '!*.pfx', '!*.jks', '!*.keystore', '!id_*',
  '!kubeconfig*', '!*.kubeconfig', '!**/.kube/config', '!**/.docker/config.json', '!**/.aws/credentials',
  '!.netrc', '!.pgpass', '!.git-credentials', '!.htpasswd',
];

const inputSchema = z.strictObject({
  pattern: z.string().min(1).describe('The regular expression to search for in file contents (ripgrep syntax)'),
  path: z.string().optional().describe('File or folder to search in (rg PATH). Defaults to the project root.'),
  glob: z.string().optional().describe('Glob to filter files (e.g. "*.js", "*.{ts,tsx}", "!*.min.js"); several globs separated by spaces or commas. Maps to rg --glob'),
  type: z.string().optional().describe('File type to search (rg --type), e.g. js, py, go, docker, yaml, sh. More efficient than glob for standard types'),
  output_mode: z.enum(['content', 'files_with_matches', 'count']).optional().describe('"content" shows matching lines (supports -A/-B/-C, -n, -o, head_limit), "files_with_matches" shows file paths (newest first), "count" shows match counts per file. Defaults to "files_with_matches".'),
  '-B': z.number().int().min(0).optional().describe('Lines to show before each match (rg -B). Requires output_mode: "content"'),
  '-A': z.number().int().min(0).optional().describe('Lines to show after each match (rg -A). Requires output_mode: "content"'),
  '-C': z.number().int().min(0).optional().describe('Lines to show before and after each match (rg -C). Requires output_mode: "content"'),
  context: z.number().int().min(0).optional().describe('Same as -C'),
  '-n': z.boolean().optional().describe('Show line numbers (rg -n). Requires output_mode: "content". Defaults to true'),
  '-i': z.boolean().optional().describe('Case insensitive search (rg -i)'),
  '-o': z.boolean().optional().describe('Show only the matched parts of lines (rg -o). Requires output_mode: "content"'),
  head_limit: z.number().int().min(0).optional().describe('Limit output to the first N lines/entries, like "| head -N". Defaults to 250; 0 means no limit'),
  offset: z.number().int().min(0).optional().describe('Skip the first N lines/entries before applying head_limit, like "| tail -n +N | head -N". Defaults to 0'),
  multiline: z.boolean().optional().describe('Let patterns span lines; `.` then matches newlines too (rg -U --multiline-dotall). Default: false'),
});
export type GrepInput = z.infer<typeof inputSchema>;

function describeGrep(options: GrepOptions): string {
  return [
    'A powerful search tool built on ripgrep.',
    '',
    'Usage:',
    '- ALWAYS use Grep for search tasks. Never run `grep` or `rg` through Bash.',
    '- Full regular expression syntax (e.g. "log.*Error", "function\\s+\\w+"). Literal braces need escaping: use `interface\\{\\}` to find `interface{}`.',
    '- Filter files with glob (e.g. "*.js", "**/*.tsx") or type (e.g. "js", "py", "docker", "yaml").',
    '- output_mode: "content" shows matching lines, "files_with_matches" (default) only file paths, "count" match counts.',
    '- Patterns match within single lines by default. For patterns across lines, like `struct \\{[\\s\\S]*?field`, use multiline: true.',
    `- Results are limited to ${options.defaultHeadLimit} lines/entries unless head_limit says otherwise; use offset to page.`,
    '- Searches respect .gitignore, include hidden files, and skip version-control folders and secret files (.env, keys, kubeconfigs).',
    '- Paths are shown relative to the project root.',
  ].join('\n');
}

export function createGrepTool(overrides: Partial<GrepOptions> = {}): Tool<GrepInput> {
  const options: GrepOptions = {
    ripgrep: 'auto',
    defaultHeadLimit: GREP_DEFAULT_HEAD_LIMIT,
    maxLineChars: GREP_MAX_LINE_CHARS,
    maxOutputBytes: GREP_MAX_OUTPUT_BYTES,
    maxFileBytes: GREP_MAX_FILE_BYTES,
    timeoutMs: GREP_TIMEOUT_MS,
    excludeGlobs: [...VCS_EXCLUDE_GLOBS, ...SECRET_EXCLUDE_GLOBS],
    ...overrides,
  };
  let backend: Promise<SearchBackend> | undefined;
  const chooseBackend = (): Promise<SearchBackend> => {
    backend ??= (async () => {
      if (options.ripgrep === false) return searchWithJs;
      const rg = options.ripgrep === 'auto' ? await findRipgrep() : options.ripgrep;
      return rg ? ripgrepBackend(rg) : searchWithJs;
    })();
    return backend;
  };
  return {
    name: 'Grep',
    description: describeGrep(options),
    inputSchema,
    isReadOnly: () => true,
    isConcurrencySafe: () => true,
    call: async (input, ctx) => {
      try {
        return await grep(input, ctx, options, await chooseBackend());
      } catch (error) {
        if (error instanceof SearchError) return errorResult(error.message);
        return errorResult(fsErrorMessage(error, input.path));
      }
    },
  };
}

async function grep(input: GrepInput, ctx: ToolContext, options: GrepOptions, backend: SearchBackend): Promise<ToolResult> {
  const root = resolveToolPath(ctx, input.path ?? ctx.cwd, 'path');
  const rootStat = await stat(root);
  const rootIsFile = rootStat.isFile();
  if (!rootIsFile && !rootStat.isDirectory()) throw new ToolInputError(`path must be a file or a folder: ${root}`);
  if (rootIsFile && (await fileIsBinary(root))) return { content: `${displayPath(ctx, root)} is a binary file; it was not searched.` };
  const mode = input.output_mode ?? 'files_with_matches';
  const context = input['-C'] ?? input.context ?? 0;
  const contentMode = mode === 'content';
  const request: SearchRequest = {
    pattern: input.pattern,
    root,
    rootIsFile,
    globs: [
      ...splitGlobs(input.glob).map((glob) => ({ glob, ignoreCase: false })),
      ...options.excludeGlobs.map((glob) => ({ glob, ignoreCase: true })),
      ...sessionExclusion(root, rootIsFile, ctx.sessionDir),
    ],
    type: input.type,
    ignoreCase: input['-i'] ?? false,
    multiline: input.multiline ?? false,
    namesOnly: mode === 'files_with_matches',
    before: contentMode ? (input['-B'] ?? context) : 0,
    after: contentMode ? (input['-A'] ?? context) : 0,
    maxFileBytes: options.maxFileBytes,
    timeoutMs: options.timeoutMs,
  };
  // Our own controller also stops the backend (rg is killed) when the page is full and we stop reading.
  const done = new AbortController();
  try {
    const results = backend(request, AbortSignal.any([ctx.signal, done.signal]));
    const page = { offset: input.offset ?? 0, limit: input.head_limit ?? options.defaultHeadLimit, maxOutputBytes: options.maxOutputBytes, maxLineChars: options.maxLineChars };
    if (mode === 'files_with_matches') return await filesResult(results, ctx, page);
    if (mode === 'count') return await countResult(results, ctx, page);
    const content = { withPath: !rootIsFile, lineNumbers: input['-n'] ?? true, onlyMatching: input['-o'] ?? false, separators: request.before > 0 || request.after > 0 };
    return await contentResult(results, ctx, content, page);
  } finally {
    done.abort();
  }
}

/**
 * The session folder (transcripts, saved outputs) may sit inside the project: searching it would find the
 * model's own earlier tool calls. It is left out with an anchored exclusion.
 */
function sessionExclusion(root: string, rootIsFile: boolean, sessionDir: string): OverrideGlob[] {
  if (rootIsFile) return [];
  const rel = relative(root, sessionDir);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return [];
  return [{ glob: `!/${rel.replace(/[\\*?[\]{}!]/g, '\\$&')}`, ignoreCase: false }];
}

/**
 * The model's `glob` may hold several globs separated by spaces or, outside braces, commas
 * (`*.ts,*.tsx` is two globs; `*.{ts,tsx}` stays one), as Claude Code reads it.
 */
export function splitGlobs(glob: string | undefined): string[] {
  if (glob === undefined) return [];
  return glob
    .split(/\s+/)
    .flatMap((token) => (token.includes('{') ? [token] : token.split(',')))
    .filter((g) => g.length > 0);
}

async function fileIsBinary(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(BINARY_SNIFF_BYTES);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return looksBinary(head.subarray(0, bytesRead), BINARY_SNIFF_BYTES);
  } finally {
    await handle.close();
  }
}
