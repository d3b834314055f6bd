import { statSync } from 'node:fs';
import { isEngineSocketPath, isInside, isSecretPath, PathResolutionError, resolvePath, rootOf } from '../paths.js';

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

export type HostPathUse = 'read' | 'write' | 'mount';

/**
 * Checks a host path a command will read, write or bind-mount: it must resolve (symlinks followed) inside a root, must not
 * be a secret file, and a mount must not be an engine socket. Returns an escape finding, or undefined when fine.
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
