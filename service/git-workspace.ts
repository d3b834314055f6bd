/**
 * `{"workspace": {"git": URL, "ref": REF}}`: a shallow fetch of one ref from a repository that an `--allow-git`
 * pattern names, with git's own configuration shut out (no system or user config, hooks path /dev/null, an empty
 * template), only the URL's protocol allowed (GIT_ALLOW_PROTOCOL), no submodules, no prompts, a size cap watched while
 * git writes and checked after, and a timeout. The checkout is then copied under the workspace rules (links inside
 * only, the workspace caps), without `.git`.
 */
import { lstatSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import picomatch from 'picomatch';
import { copyFolder, WorkspaceError, type WorkspaceLimits } from './workspace.js';

export interface GitPolicy {
  /** `--allow-git` patterns, globs over `scheme://host/path` (`https://github.com/acme/**`, `file:///srv/git/*.git`). */
  allow: string[];
  /** Largest clone folder (objects and checkout) while it is made (`--max-git-bytes`). */
  maxBytes: number;
  /** Longest fetch and checkout (`--git-timeout`). */
  timeoutMs: number;
}

export const DEFAULT_GIT_MAX_BYTES = 256 * 1024 * 1024;
export const DEFAULT_GIT_TIMEOUT_MS = 120_000;

/** Protocols a pattern may allow; `ext::` (runs a command) and every other transport are refused outright. */
const PROTOCOLS = new Set(['https', 'http', 'ssh', 'git', 'file']);
const REF = /^(?!-)(?!.*\.\.)(?!.*\/\/)(?!.*@\{)[A-Za-z0-9._/+-]{1,200}$/;

export interface GitSource {
  url: string;
  ref?: string;
}

/** The URL as patterns see it (`scheme://host[:port]/path`, no user, password, query or fragment); throws WorkspaceError. */
export function canonicalGitUrl(raw: string): { canonical: string; protocol: string } {
  const notFetchable = () => new WorkspaceError(`git workspace URL '${String(raw).slice(0, 200)}' is not a URL git may fetch`);
  if (typeof raw !== 'string') throw notFetchable();
  if (/^[A-Za-z][A-Za-z0-9+.-]*::/.test(raw)) throw new WorkspaceError(`git workspace URL '${raw.slice(0, 200)}': transport '${raw.split('::')[0]}::' runs a command and is never allowed`);
  if (raw === '' || raw.length > 2048 || /[\s\0]/.test(raw) || raw.startsWith('-')) throw notFetchable();
  // scp-like `[user@]host:path` is ssh (the user is dropped below anyway). A URL's `scheme://` never matches: no host
  // character is `+` or `@`, and the `:` of a scheme is followed by `//`.
  const scp = /^(?:[A-Za-z0-9._-]+@)?([A-Za-z0-9.-]+):(?!\/\/)(.+)/.exec(raw);
  let url: URL;
  try {
    url = new URL(scp ? `ssh://${scp[1]}/${scp[2]!.replace(/^\//, '')}` : raw);
  } catch {
    throw new WorkspaceError(`git workspace URL '${raw}' is not a URL`);
  }
  const protocol = url.protocol.slice(0, -1).toLowerCase();
  if (!PROTOCOLS.has(protocol)) throw new WorkspaceError(`git workspace URL '${raw}': protocol '${protocol}' is not allowed (https, http, ssh, git, or file:// when a pattern names it)`);
  if (url.search || url.hash) throw new WorkspaceError(`git workspace URL '${raw}': no query or fragment`);
  const pathname = decodeURIComponent(url.pathname);
  if (pathname.split('/').includes('..')) throw new WorkspaceError(`git workspace URL '${raw}': no '..' in the path`);
  return { canonical: `${protocol}://${url.host}${pathname}`, protocol };
}

/** Throws WorkspaceError unless a pattern allows the URL; `file://` needs a pattern that starts with `file://`. */
export function checkGitAllowed(raw: string, allow: string[]): { canonical: string; protocol: string } {
  const parsed = canonicalGitUrl(raw);
  // A pattern's scheme in any case, like the URL's.
  const scheme = `${parsed.protocol}://`;
  const patterns = allow.filter((p) => p.toLowerCase().startsWith(scheme)).map((p) => scheme + p.slice(scheme.length));
  if (!patterns.some((p) => picomatch.isMatch(parsed.canonical, p, { dot: true }))) {
    throw new WorkspaceError(
      allow.length === 0
        ? `git workspaces are refused: this server allows none (start it with --allow-git PATTERN, e.g. --allow-git 'https://github.com/acme/**')`
        : `git workspace URL ${parsed.canonical} is not allowed by --allow-git (${allow.join(', ')})`,
    );
  }
  return parsed;
}

/** Fetches `ref` (default: the remote HEAD) into `dest` without `.git`; throws WorkspaceError. */
export async function cloneGitWorkspace(source: GitSource, dest: string, scratch: string, policy: GitPolicy, limits: WorkspaceLimits, signal?: AbortSignal): Promise<void> {
  const { protocol } = checkGitAllowed(source.url, policy.allow);
  const ref = source.ref ?? 'HEAD';
  if (!REF.test(ref)) throw new WorkspaceError(`git workspace ref '${ref}' is not a branch, tag or commit name`);
  try {
    copyFolder(await fetchRef(source.url, ref, protocol, scratch, policy, signal), dest, limits, ['.git']);
  } finally {
    // Also when the fetch failed: what git had written so far goes too.
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** A shallow fetch and checkout of `ref` in `<scratch>/clone`, returned; throws WorkspaceError. */
async function fetchRef(url: string, ref: string, protocol: string, scratch: string, policy: GitPolicy, signal?: AbortSignal): Promise<string> {
  const repo = path.join(scratch, 'clone');
  const home = path.join(scratch, 'home');
  const template = path.join(scratch, 'template');
  for (const d of [repo, home, template]) mkdirSync(d, { recursive: true, mode: 0o700 });
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_ALLOW_PROTOCOL: protocol,
    GIT_TERMINAL_PROMPT: '0',
    GIT_ASKPASS: '/bin/false',
    SSH_ASKPASS: '/bin/false',
    GIT_SSH_COMMAND: 'ssh -o BatchMode=yes -o StrictHostKeyChecking=yes',
    GIT_TEMPLATE_DIR: template,
    GIT_PROTOCOL_FROM_USER: '0',
  };
  const config = ['-c', 'core.hooksPath=/dev/null', '-c', 'core.fsmonitor=false', '-c', 'protocol.allow=never', '-c', `protocol.${protocol}.allow=always`, '-c', 'submodule.recurse=false', '-c', 'fetch.recurseSubmodules=false', '-c', 'transfer.fsckObjects=true', '-c', 'core.symlinks=true', '-c', 'advice.detachedHead=false'];
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  signal?.addEventListener('abort', onAbort);
  // Watched while git writes (stopped at once), and looked at once more when it is done.
  let overCap = false;
  const checkCap = () => (overCap ||= folderBytes(repo) > policy.maxBytes);
  const capError = () => new WorkspaceError(`git workspace ${url}: the clone is over ${policy.maxBytes} bytes (--max-git-bytes)`);
  const watchdog = setInterval(() => checkCap() && stop.abort(), 100);
  const git = (args: string[]) => execa('git', [...config, ...args], { cwd: repo, env, extendEnv: false, timeout: policy.timeoutMs, cancelSignal: stop.signal, stdin: 'ignore', reject: true, all: true });
  try {
    await git(['init', '-q', `--template=${template}`, '.']);
    await git(['fetch', '-q', '--depth', '1', '--no-tags', '--no-recurse-submodules', '--', url, ref]);
    await git(['checkout', '-q', '--no-recurse-submodules', 'FETCH_HEAD']);
  } catch (err) {
    const e = err as { timedOut?: boolean; isCanceled?: boolean; all?: string; shortMessage?: string };
    if (overCap) throw capError();
    if (e.timedOut) throw new WorkspaceError(`git workspace ${url}: not fetched within ${Math.round(policy.timeoutMs / 1000)} s (--git-timeout)`);
    if (e.isCanceled) throw new WorkspaceError(`git workspace ${url}: cancelled`);
    const said = (e.all ?? '').trim().split('\n').slice(-3).join(' ');
    throw new WorkspaceError(`git workspace ${url} (ref ${ref}) could not be fetched: ${said || e.shortMessage || String(err)}`);
  } finally {
    clearInterval(watchdog);
    signal?.removeEventListener('abort', onAbort);
  }
  if (checkCap()) throw capError();
  return repo;
}

/** Bytes of the regular files under `dir` (links not followed). */
function folderBytes(dir: string): number {
  let total = 0;
  const walk = (d: string) => {
    let names: string[];
    try {
      names = readdirSync(d);
    } catch {
      return;
    }
    for (const name of names) {
      const p = path.join(d, name);
      try {
        const st = lstatSync(p);
        if (st.isDirectory()) walk(p);
        else if (st.isFile()) total += st.size;
      } catch {
        /* removed meanwhile */
      }
    }
  };
  walk(dir);
  return total;
}
