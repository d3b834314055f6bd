import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** One ShellCheck comment (`--format=json1`); line and column are 1-based, the column counts characters. */
export interface ShellcheckComment {
  line: number;
  column: number;
  level: string;
  code: number;
  message: string;
}

/** What hadolint never reports: SC2187 (ash is read as dash), SC1090/SC1091 (need a directive a Dockerfile cannot hold). */
export const EXCLUDED_CODES = [2187, 1090, 1091] as const;

/**
 * Runs one ShellCheck process over `scripts` (each a file in a temporary folder) and returns the comments of each,
 * in the same order. No rc file is read and SHELLCHECK_OPTS is not passed on, so only these settings apply.
 * Throws when ShellCheck cannot run, times out or answers something other than its JSON.
 */
export async function runShellcheck(binary: string, scripts: readonly string[], timeoutMs: number): Promise<ShellcheckComment[][]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'docker-expert-shellcheck-'));
  try {
    const names = scripts.map((_, i) => `run${i}.sh`);
    await Promise.all(scripts.map((text, i) => writeFile(path.join(dir, names[i]), text)));
    const stdout = await execShellcheck(binary, ['--norc', '--format=json1', `--exclude=${EXCLUDED_CODES.join(',')}`, '--', ...names], dir, timeoutMs);
    return byFile(parse(stdout), names);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * node:child_process rather than execa: loading execa makes Node warn on stderr when NO_COLOR and FORCE_COLOR are
 * both set (its colour support probes the terminal at import), and `check` keeps stderr for its own messages.
 */
function execShellcheck(binary: string, args: string[], cwd: string, timeoutMs: number): Promise<string> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.SHELLCHECK_OPTS;
  return new Promise((resolve, reject) => {
    const child = execFile(binary, args, { cwd, env, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8', windowsHide: true }, (err, stdout, stderr) => {
      if (!err) return resolve(stdout);
      const e = err as Error & { code?: number | string | null; killed?: boolean; signal?: string | null };
      // 1: some comments. Anything else is a failure to check.
      if (e.code === 1) return resolve(stdout);
      if (e.killed) return reject(new Error(`timed out after ${timeoutMs} ms`));
      if (e.signal) return reject(new Error(`ended by ${e.signal}`));
      if (typeof e.code === 'string') return reject(new Error(`cannot run it: ${e.code}`));
      reject(new Error(stderr.trim().split('\n')[0] || `exit code ${String(e.code)}`));
    });
    child.stdin?.end();
  });
}

interface JsonComment extends ShellcheckComment {
  file: string;
}

function parse(stdout: string): JsonComment[] {
  let doc: unknown;
  try {
    doc = JSON.parse(stdout);
  } catch {
    throw new Error(`unreadable output: ${stdout.slice(0, 80) || '(empty)'}`);
  }
  const comments = (doc as { comments?: unknown }).comments;
  if (!Array.isArray(comments)) throw new Error('output without "comments"');
  return comments.filter(
    (c): c is JsonComment =>
      typeof c === 'object' && c !== null && typeof c.file === 'string' && typeof c.line === 'number' && typeof c.column === 'number' && typeof c.code === 'number' && typeof c.message === 'string' && typeof c.level === 'string',
  );
}

function byFile(comments: JsonComment[], names: string[]): ShellcheckComment[][] {
  const index = new Map(names.map((n, i) => [n, i]));
  const out: ShellcheckComment[][] = names.map(() => []);
  for (const c of comments) {
    const i = index.get(c.file);
    if (i !== undefined) out[i].push({ line: c.line, column: c.column, level: c.level, code: c.code, message: c.message });
  }
  return out;
}
