import { lstatSync, readlinkSync } from 'node:fs';
import type { Stats } from 'node:fs';
import path from 'node:path';

/** Symlinks followed while resolving one path before giving up (Linux uses 40). */
export const MAX_SYMLINK_HOPS = 40;

export interface PathBase {
  /** Relative paths are taken from here (the project root). */
  cwd: string;
  /** `~` expands to this. */
  home: string;
}

/** A path the model gave, made absolute two ways. */
export interface ResolvedPath {
  /** Absolute, `~` expanded, `..` applied lexically: where the path appears to point (symlinks not followed). */
  literal: string;
  /** Every symlink followed, component by component, as the kernel does: where a read or write really lands. */
  canonical: string;
}

export class PathResolutionError extends Error {}

/**
 * Expands `~`/`~/`, makes the path absolute from `base.cwd`, then resolves it both ways. The file tools apply `..`
 * before the kernel sees the path, the shell leaves it to the kernel: when a `..` after a symbolic link makes the two
 * land in different places, the path is refused (either check alone would judge the wrong file).
 */
export function resolvePath(input: string, base: PathBase): ResolvedPath {
  if (input.includes('\0')) throw new PathResolutionError('the path holds a NUL byte');
  if (input === '') throw new PathResolutionError('the path is empty');
  let p = input;
  if (p === '~' || p.startsWith('~/')) p = base.home + p.slice(1);
  else if (p.startsWith('~')) throw new PathResolutionError(`'${input}': only '~' and '~/...' are understood`);
  const absolute = path.isAbsolute(p) ? p : `${base.cwd}/${p}`;
  const literal = path.resolve(absolute);
  const canonical = realPathOf(absolute);
  // Without `.`/`..` (or doubled slashes) the two are the same path: walking it again would only repeat its lstats.
  if (literal !== absolute && canonical !== realPathOf(literal)) {
    throw new PathResolutionError(`'${input}': \`..\` after a symbolic link leads to ${canonical} for the shell but ${realPathOf(literal)} for the file tools; write the path without it`);
  }
  return { literal, canonical };
}

/**
 * The real location of an absolute path, walking it one component at a time so that `link/..` goes to the
 * link target's parent (as the kernel does) rather than cancelling lexically. Components that do not exist yet
 * are kept as written (nothing below them can be a symlink); a `..` that climbs back out of one reaches folders that
 * exist again, whose links are followed (a write creates the missing folders first, then climbs).
 */
export function realPathOf(absolute: string, maxHops: number = MAX_SYMLINK_HOPS): string {
  const pending = absolute.split('/').filter((c) => c !== '').reverse();
  let current = '/';
  let hops = 0;
  while (pending.length > 0) {
    const part = pending.pop() as string;
    if (part === '.') continue;
    if (part === '..') {
      current = path.dirname(current);
      continue;
    }
    const next = current === '/' ? `/${part}` : `${current}/${part}`;
    if (isSymlink(next)) {
      if (++hops > maxHops) throw new PathResolutionError(`too many symbolic links in '${absolute}'`);
      const target = readlinkSync(next);
      for (const c of target.split('/').filter((x) => x !== '').reverse()) pending.push(c);
      if (target.startsWith('/')) current = '/';
      continue;
    }
    current = next;
  }
  return current;
}

function isSymlink(p: string): boolean {
  let stat: Stats | undefined;
  try {
    stat = lstatSync(p);
  } catch {
    // Missing, below a file, or unreadable: not a link to follow.
  }
  return stat?.isSymbolicLink() === true;
}

/** True when `child` is `root` or below it, by path components (never by string prefix: `/x/proj_evil` is not in `/x/proj`). */
export function isInside(child: string, root: string): boolean {
  // Both absolute (POSIX): the relative path never is, and it is '' for the root itself.
  return !isDotDotSegment(path.relative(root, child));
}

function isDotDotSegment(rel: string): boolean {
  return rel === '..' || rel.startsWith('../');
}

/** The first root that holds `p`, if any. */
export function rootOf(p: string, roots: readonly string[]): string | undefined {
  return roots.find((r) => isInside(p, r));
}

const SECRET_TEMPLATE_SUFFIXES = ['.example', '.sample', '.template', '.dist', '.defaults'];
const SECRET_NAMES = new Set(['.netrc', '.pgpass', '.git-credentials', '.htpasswd']);
const SECRET_EXTENSIONS = ['.pem', '.key', '.p12', '.pfx', '.jks', '.keystore'];

/**
 * Files that hold credentials: `.env*` (templates such as `.env.example` are not), `*.pem`, `*.key`, private keys `id_*`
 * (not `*.pub`), kubeconfigs (`.kube/config`, `kubeconfig*`), docker `config.json` in a `.docker` folder, `.netrc`,
 * `.aws/credentials`. Reading one needs an explicit allow rule.
 */
export function isSecretPath(p: string): boolean {
  const base = path.basename(p);
  const lower = base.toLowerCase();
  const parent = path.basename(path.dirname(p));
  if (lower === '.env' || lower.startsWith('.env.')) return !SECRET_TEMPLATE_SUFFIXES.some((s) => lower.endsWith(s));
  if (SECRET_EXTENSIONS.some((e) => lower.endsWith(e))) return true;
  if (lower.startsWith('id_') && !lower.endsWith('.pub')) return true;
  if (lower.startsWith('kubeconfig')) return true;
  if (parent === '.kube' && lower === 'config') return true;
  if (parent === '.docker' && lower === 'config.json') return true;
  if (parent === '.aws' && lower === 'credentials') return true;
  return SECRET_NAMES.has(lower);
}

/** Folders whose contents steer the runtime, git or other agents: writing there needs an explicit allow rule in every mode. */
const GUARDED_DIRS = new Set(['.git', '.claude']);
const GUARDED_FILES = new Set(['.mcp.json', '.claude.json']);

/**
 * Why a write to `p` needs an explicit allow rule (from `--allow` or a user-level settings file) whatever the mode:
 * `.git/` (hooks run on the host), `.claude/` (settings, agents, hooks), `.mcp.json`. Undefined when it does not.
 * A Claude Code worktree (`<root>/.claude/worktrees/<name>/`) is a checkout of the project: its files are project
 * files, judged from the worktree's own root (so its `.git`, `.claude/` and `.mcp.json` stay protected). Only that
 * exact place is a worktree: a `worktrees` folder anywhere else (a worktree's own `.claude/worktrees/` included) exempts nothing.
 */
export function guardedWriteReason(p: string, roots: readonly string[]): string | undefined {
  const root = rootOf(p, roots);
  const rel = root ? path.relative(root, p) : p;
  let parts = rel.split('/');
  if (parts.length > 3 && parts[0] === '.claude' && parts[1] === WORKTREES) parts = parts.slice(3);
  const name = parts[parts.length - 1];
  const dir = parts.find((c) => GUARDED_DIRS.has(c));
  if (dir) return `${dir}/ is protected (it can run code on the host or change this agent's permissions)`;
  if (GUARDED_FILES.has(name)) return `${name} is protected (it configures the servers and tools agents run)`;
  return undefined;
}

/** Where Claude Code puts the worktrees it creates, below `.claude/`. */
const WORKTREES = 'worktrees';

/** Claude Code's protected paths: never written without asking, except in bypassPermissions (acceptEdits does not cover them). */
const SENSITIVE_DIRS = new Set(['.config', '.vscode', '.idea', '.husky', '.cargo', '.devcontainer', '.yarn', '.mvn']);
const SENSITIVE_FILES = new Set([
  '.gitconfig', '.gitmodules', '.gitattributes', '.bashrc', '.bash_profile', '.bash_login', '.bash_aliases', '.bash_logout',
  '.zshrc', '.zprofile', '.zshenv', '.zlogin', '.zlogout', '.profile', '.envrc', '.npmrc', '.yarnrc', '.yarnrc.yml', '.pnp.cjs',
  '.pnp.loader.mjs', '.pnpmfile.cjs', 'bunfig.toml', '.bunfig.toml', '.bazelrc', '.bazelversion', '.bazeliskrc',
  '.pre-commit-config.yaml', 'lefthook.yml', 'lefthook.yaml', '.lefthook.yml', '.lefthook.yaml', 'gradle-wrapper.properties',
  'maven-wrapper.properties', '.devcontainer.json', '.ripgreprc', 'pyrightconfig.json',
]);

/** Why a write to `p` must be approved by a person (or bypassPermissions) even in acceptEdits; undefined when it need not. */
export function sensitiveWriteReason(p: string, roots: readonly string[]): string | undefined {
  const root = rootOf(p, roots);
  const parts = (root ? path.relative(root, p) : p).split('/');
  const name = parts[parts.length - 1];
  const dir = parts.slice(0, -1).find((c) => SENSITIVE_DIRS.has(c));
  if (dir) return `${dir}/ holds tool configuration that runs code`;
  if (SENSITIVE_FILES.has(name)) return `${name} is a startup or tool configuration file that can run code`;
  return undefined;
}

/**
 * A Unix socket name that reaches a container engine (mounting one hands over the engine): any `*.sock`
 * (docker.sock, podman.sock, containerd.sock, ...). Sockets with other names are found by stat (container/types.ts).
 */
export function isEngineSocketPath(p: string): boolean {
  return path.basename(p).endsWith('.sock');
}
