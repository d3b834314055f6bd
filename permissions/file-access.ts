import { lstatSync } from 'node:fs';
import path from 'node:path';
import { pathRuleMatches } from './path-rule.js';
import { guardedWriteReason, isSecretPath, PathResolutionError, resolvePath, rootOf, sensitiveWriteReason } from './paths.js';
import type { ResolvedPath } from './paths.js';
import type { PermissionRule } from './rules.js';
import { pathRuleTool, ruleNamesTool } from './rules.js';
import type { PermissionDecision, PermissionMode } from './types.js';

export interface FileRuleContext {
  rules: readonly PermissionRule[];
  cwd: string;
  home: string;
  roots: readonly string[];
  mode: PermissionMode;
}

/** Read/Edit path rules for one kind of access. A symlink counts as both its own path and its target. */
export function fileAccessOf(ctx: FileRuleContext, kind: 'Read' | 'Edit') {
  const matches = (r: PermissionRule, abs: string): boolean =>
    r.specifier === undefined || pathRuleMatches(r.specifier, r.behavior, abs, { cwd: ctx.cwd, home: ctx.home, sourceRoot: r.source.root });
  // A Read deny also blocks writes to the same path; Edit rules govern every edit tool.
  const kinds = (behavior: PermissionRule['behavior']): string[] => (behavior === 'deny' && kind === 'Edit' ? ['Edit', 'Read'] : [kind]);
  const rulesOf = (behavior: PermissionRule['behavior']) =>
    ctx.rules.filter((r) => r.behavior === behavior && kinds(behavior).some((k) => r.tool === k || (r.specifier === undefined && ruleNamesTool(r.tool, k))));
  return {
    /** Deny and ask apply when either the link or its target matches. */
    restrictive(behavior: 'deny' | 'ask', p: ResolvedPath): PermissionRule | undefined {
      return rulesOf(behavior).find((r) => matches(r, p.canonical) || matches(r, p.literal));
    },
    /** An allow needs both the link and its target to match. */
    allowRuleFor(canonical: string, literal: string): PermissionRule | undefined {
      return rulesOf('allow').find((r) => matches(r, canonical) && matches(r, literal));
    },
  };
}

const FILE_TOOLS = new Set(['Read', 'Write', 'Edit', 'MultiEdit', 'Grep', 'Glob', 'NotebookEdit']);

/** Decides a Read/Write/Edit/MultiEdit/Grep/Glob call by its path; undefined for other tools. */
export function checkFileAccess(ctx: FileRuleContext, tool: string, input: unknown): PermissionDecision | undefined {
  if (!FILE_TOOLS.has(tool)) return undefined;
  const kind = pathRuleTool(tool) as 'Read' | 'Edit';
  const fields = (input ?? {}) as Record<string, unknown>;
  const raw = typeof fields.file_path === 'string' ? fields.file_path : typeof fields.notebook_path === 'string' ? fields.notebook_path : fields.path;
  if (raw !== undefined && typeof raw !== 'string') return { behavior: 'deny', reason: `${tool}: the path must be a string.` };
  if (raw === undefined && (tool !== 'Grep' && tool !== 'Glob')) return { behavior: 'deny', reason: `${tool}: file_path is required.` };
  const targets = [raw ?? ctx.cwd];
  if (tool === 'Glob' && typeof fields.pattern === 'string') {
    const prefix = globStaticPrefix(fields.pattern);
    if (prefix !== undefined) targets.push(path.isAbsolute(prefix) || prefix.startsWith('~') ? prefix : path.join(raw ?? ctx.cwd, prefix));
  }
  if ((tool === 'Grep' || tool === 'Glob') && typeof fields.glob === 'string' && /(^|\/)\.\.(\/|$)|^\//.test(fields.glob)) {
    return { behavior: 'deny', reason: `${tool}: the glob '${fields.glob}' reaches outside the search folder.` };
  }
  let decision: PermissionDecision | undefined;
  for (const t of targets) {
    const d = checkOnePath(ctx, tool, kind, t);
    if (d.behavior === 'deny') return d;
    if (d.behavior === 'ask' || !decision) decision = decision?.behavior === 'ask' ? decision : d;
  }
  return decision;
}

function checkOnePath(ctx: FileRuleContext, tool: string, kind: 'Read' | 'Edit', raw: string): PermissionDecision {
  let p: ResolvedPath;
  try {
    p = resolvePath(raw, { cwd: ctx.cwd, home: ctx.home });
  } catch (err) {
    if (err instanceof PathResolutionError) return { behavior: 'deny', reason: `${tool} ${raw}: ${err.message}.` };
    throw err;
  }
  const access = fileAccessOf(ctx, kind);
  const shown = p.canonical === p.literal ? p.literal : `${p.literal} (really ${p.canonical})`;
  const denyRule = access.restrictive('deny', p);
  if (denyRule) return { behavior: 'deny', reason: `${tool} ${shown} is denied by ${denyRule.raw} (${denyRule.source.label}).`, rule: denyRule.raw };
  const askRule = access.restrictive('ask', p);
  const allow = access.allowRuleFor(p.canonical, p.literal);
  // Leaving the project, reading a secret or writing a guarded file needs a trusted rule that names a path.
  const trusted = allow?.source.trusted === true && allow.specifier !== undefined ? allow : undefined;
  const relShown = rootOf(p.literal, ctx.roots) ? path.relative(ctx.cwd, p.literal) || '.' : p.literal;

  if (!rootOf(p.canonical, ctx.roots) || !rootOf(p.literal, ctx.roots)) {
    if (!trusted) {
      return {
        behavior: 'deny',
        reason: `${tool} ${shown} is outside the project (${ctx.roots.join(', ')}). Work inside the project; a user can allow this path with --allow '${kind}(/${p.canonical})'.`,
      };
    }
  }
  if (kind === 'Read' && (isSecretPath(p.canonical) || isSecretPath(p.literal)) && !trusted) {
    return { behavior: 'deny', reason: `${tool} ${shown} is a secret file (credentials). Only --allow '${kind}(${relShown})' allows it.` };
  }
  if (kind === 'Edit' && isSymlink(p.literal)) {
    return { behavior: 'deny', reason: `${tool} ${p.literal} is a symbolic link; writes never follow a final link. Write ${p.canonical} itself if that is meant.` };
  }
  if (kind === 'Edit') {
    const guarded = guardedWriteReason(p.canonical, ctx.roots) ?? guardedWriteReason(p.literal, ctx.roots);
    if (guarded && !trusted) return { behavior: 'deny', reason: `${tool} ${shown}: ${guarded}. Only --allow 'Edit(${relShown})' allows it.` };
  }
  // Plan mode refuses every write before any ask rule or sensitive-file question: no answer makes a change there.
  if (kind === 'Edit' && ctx.mode === 'plan') return { behavior: 'deny', reason: `plan mode is read-only: ${tool} ${shown} is not allowed.` };
  if (askRule) return { behavior: 'ask', reason: `${tool} ${shown} matches the ask rule ${askRule.raw} (${askRule.source.label}).`, rule: askRule.raw };
  if (kind === 'Read') return { behavior: 'allow', reason: `${tool} inside the project`, ...(allow ? { rule: allow.raw } : {}) };

  const sensitive = sensitiveWriteReason(p.canonical, ctx.roots) ?? sensitiveWriteReason(p.literal, ctx.roots);
  if (sensitive && ctx.mode !== 'bypassPermissions') {
    return { behavior: 'ask', reason: `${tool} ${shown}: ${sensitive}. Approve it interactively, or use --permission-mode bypassPermissions.` };
  }
  if (ctx.mode === 'acceptEdits' || ctx.mode === 'bypassPermissions') return { behavior: 'allow', reason: `${tool} inside the project (${ctx.mode})` };
  if (allow) return { behavior: 'allow', reason: `allowed by ${allow.raw} (${allow.source.label})`, rule: allow.raw };
  return { behavior: 'ask', reason: `${tool} ${shown} changes a file. To allow it: --allow 'Edit(${relShown})' or --permission-mode acceptEdits.` };
}

function isSymlink(p: string): boolean {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

/** The part of a glob before its first wildcard, when it is absolute or climbs with `..`; undefined when it stays below. */
function globStaticPrefix(pattern: string): string | undefined {
  const parts = pattern.split('/');
  const firstWild = parts.findIndex((s) => /[*?[{]/.test(s));
  const fixed = (firstWild < 0 ? parts : parts.slice(0, firstWild)).join('/');
  if (pattern.startsWith('/') || pattern.startsWith('~') || parts.includes('..')) return fixed || '/';
  return undefined;
}
