import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { guardedWriteReason, isEngineSocketPath, isInside, isSecretPath, PathResolutionError, resolvePath, rootOf, sensitiveWriteReason } from '../paths.js';

/**
 * How far a command reaches, least to most:
 *  - read: looks only (allowed by `Bash(docker:*)` and in plan mode);
 *  - change: changes the world (containers, images, clusters): asks, or a rule naming the subcommand allows it;
 *  - escape: reaches the host or another daemon: denied unless a trusted rule names the flag, or bypassPermissions;
 *  - refuse: cannot be classified (unknown subcommand or option): denied.
 */
export type Reach = 'read' | 'change' | 'escape' | 'refuse';

export const REACH_ORDER: readonly Reach[] = ['read', 'change', 'escape', 'refuse'];

export interface ReachFinding {
  reach: Reach;
  reason: string;
  /**
   * The second verdict: this part changes engine or cluster state even when it reaches nothing outside the engine
   * (`docker run`, `build`, `tag` are `read` for host reach, yet change what the engine holds). Every `change` does too.
   */
  mutates?: boolean;
  /** For escapes: option spellings a rule must contain to allow it (`--privileged`, `-v`, `--volume`, `DOCKER_HOST`). */
  flags?: string[];
}

export interface Classification {
  program: string;
  /** The subcommand words (`compose up`, `apply`, `image ls`). */
  subcommand: string[];
  reach: Reach;
  findings: ReachFinding[];
  /** The changes-state verdict: true when the command creates, changes or removes containers, images, objects. */
  mutates: boolean;
  /** Why it changes state (for messages), when it does. */
  mutation?: string;
  /** argv with global options moved after the subcommand, so `kubectl -n x apply` also matches `Bash(kubectl apply:*)`. */
  canonicalArgv: string[];
}

/** Limits on what the firewall reads to check a command (manifests, compose files); past them the command is refused. */
export interface FirewallLimits {
  /** Manifest files read from one `-f` folder. */
  maxManifestFiles: number;
  /** Largest manifest or compose file read. */
  maxManifestBytes: number;
  /** How deep compose `include:` chains are followed. */
  maxIncludeDepth: number;
}

export const DEFAULT_FIREWALL_LIMITS: FirewallLimits = { maxManifestFiles: 200, maxManifestBytes: 2_000_000, maxIncludeDepth: 5 };

export interface HostContext {
  /** Defaults: DEFAULT_FIREWALL_LIMITS. */
  limits?: Partial<FirewallLimits>;
  /** Project root; relative paths in a command start here. */
  cwd: string;
  /** Canonical roots the command may touch (cwd and additional folders). */
  roots: string[];
  home: string;
  /** The here-document or here-string the command reads, when known (checked for `kubectl apply -f -`). */
  stdinText?: string;
  /** docker's current context name, when known (`--context` naming another one is a connection redirection). */
  dockerContext?: string;
}

export function worst(findings: readonly ReachFinding[]): Reach {
  let level = 0;
  for (const f of findings) level = Math.max(level, REACH_ORDER.indexOf(f.reach));
  return REACH_ORDER[level];
}

export function classification(program: string, subcommand: string[], findings: ReachFinding[], canonicalArgv: string[]): Classification {
  const changing = findings.find((f) => f.reach === 'change' || f.mutates);
  return { program, subcommand, findings, reach: worst(findings), mutates: changing !== undefined, mutation: changing?.reason, canonicalArgv };
}

/**
 * `write`: the command writes that one file (a cidfile, an archive); `tree`: it writes files whose names an image or a
 * container chooses into that folder (`docker build -o DIR`, `docker cp CONTAINER:/x DIR`, `kubectl cp`).
 */
export type HostPathUse = 'read' | 'write' | 'tree' | 'mount';

/** Names that, written below a folder, steer git or this agent: a tree written where they live could replace them. */
const GUARDED_ENTRIES = ['.git', '.claude', '.mcp.json', '.claude.json'];

/**
 * Checks a host path a command will read, write or bind-mount: it must resolve (symlinks followed) inside a root, must not
 * be a secret file, and a mount must not be an engine socket. A write must not land in a guarded file (.git/, .claude/,
 * .mcp.json: refused) and asks for a sensitive one (.bashrc, .vscode/...); a tree written by an image or a container is
 * refused where it could replace a guarded file (a root, or a folder holding one).
 * Returns a finding, or undefined when fine.
 */
export function checkHostPath(input: string, use: HostPathUse, ctx: HostContext, flags: string[]): ReachFinding | undefined {
  let resolved;
  try {
    resolved = resolvePath(input, { cwd: ctx.cwd, home: ctx.home });
  } catch (err) {
    if (err instanceof PathResolutionError) return { reach: 'refuse', reason: err.message };
    throw err;
  }
  const { canonical, literal } = resolved;
  if (isEngineSocketPath(canonical) || isEngineSocketPath(literal) || isSocket(canonical)) {
    return { reach: 'escape', reason: `${input} is a container engine socket: whoever holds it controls the host`, flags };
  }
  if (!rootOf(canonical, ctx.roots) || !rootOf(literal, ctx.roots)) {
    return { reach: 'escape', reason: `${input} (${canonical}) is outside the project: a ${use} there reaches the host`, flags };
  }
  if (isSecretPath(canonical) || isSecretPath(literal)) {
    return { reach: 'escape', reason: `${input} is a secret file (credentials); exposing it needs an explicit rule`, flags };
  }
  if (use === 'write' || use === 'tree') {
    const guarded = guardedWriteReason(canonical, ctx.roots) ?? guardedWriteReason(literal, ctx.roots);
    if (guarded) return { reach: 'refuse', reason: `${input}: ${guarded}` };
  }
  if (use === 'tree') {
    const held = ctx.roots.includes(canonical) ? 'the project root' : GUARDED_ENTRIES.find((e) => existsSync(path.join(canonical, e)));
    if (held) return { reach: 'refuse', reason: `${input} receives files an image or a container names, and it holds ${held === 'the project root' ? '.git/, .claude/ and .mcp.json' : held}: write them to a folder of their own` };
  }
  if (use === 'write') {
    const sensitive = sensitiveWriteReason(canonical, ctx.roots) ?? sensitiveWriteReason(literal, ctx.roots);
    if (sensitive) return { reach: 'change', reason: `${input}: ${sensitive}` };
  }
  return undefined;
}

function isSocket(p: string): boolean {
  try {
    return statSync(p).isSocket();
  } catch {
    return false;
  }
}

/** Whether a path is one of the roots or contains one (mounting `/` or `$HOME` contains the project). */
export function containsRoot(p: string, roots: readonly string[]): boolean {
  return roots.some((r) => isInside(r, p));
}

export function limitsOf(ctx: HostContext): FirewallLimits {
  return { ...DEFAULT_FIREWALL_LIMITS, ...ctx.limits };
}
