/**
 * Which hooks may run. The user's own settings always; hooks from the project (its `.claude/settings*.json`, an agent
 * definition stored inside it) only in a trusted project: `--trust-project`, or the project recorded as trusted by
 * Claude Code's trust dialog in the user's `~/.claude.json` (`projects[<path>].hasTrustDialogAccepted: true`, for the
 * project's exact path; a trusted parent folder does not count). `serve` and `batch` never read that record: there only
 * the operator's flag counts.
 */
import { realpathSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AgentDefinition } from '../definition/types.js';
import { isInside } from '../../permissions/paths.js';
import { readRegularFile } from '../../permissions/read-regular.js';
import { loadSettingsHooks, parseHooksValue, settingsFiles, type HookCommand } from './config.js';

/** Largest `~/.claude.json` read for the trust record (Claude Code keeps history there; it can grow). */
const MAX_CLAUDE_JSON_BYTES = 64 * 1024 * 1024;

export interface HookTrustOptions {
  /** `--trust-project`. */
  trustProject?: boolean;
  /** Whether Claude Code's trust record in `~/.claude.json` counts (default true; false in serve and batch). */
  recordedTrust?: boolean;
}

/** The settings hooks of a run tree, shared with its Task sub-agents. */
export interface HookScope {
  settings: HookCommand[];
  /** Asked only when there are project hooks (reading ~/.claude.json costs time; it can be megabytes). */
  trusted: () => boolean;
  home: string;
}

export function userHome(env: NodeJS.ProcessEnv): string {
  return env.HOME || os.homedir();
}

export function projectTrusted(cwd: string, home: string, options: HookTrustOptions): boolean {
  if (options.trustProject) return true;
  if (options.recordedTrust === false) return false;
  let record: unknown;
  try {
    record = JSON.parse(readRegularFile(path.join(home, '.claude.json'), MAX_CLAUDE_JSON_BYTES));
  } catch {
    return false;
  }
  const projects = (record as { projects?: Record<string, { hasTrustDialogAccepted?: unknown }> } | null)?.projects;
  if (typeof projects !== 'object' || projects === null) return false;
  return Object.entries(projects).some(([p, entry]) => entry?.hasTrustDialogAccepted === true && samePath(p, cwd));
}

/** Reads the three settings files' hooks and decides trust once for a run tree. */
export function loadHookScope(cwd: string, env: NodeJS.ProcessEnv, options: HookTrustOptions): { scope: HookScope; notices: string[] } {
  const home = userHome(env);
  const notices: string[] = [];
  const settings: HookCommand[] = [];
  const seen = new Set<string>();
  for (const source of settingsFiles(cwd, home)) {
    // Run from the home folder, ~/.claude/settings.json is the user's file, not a project's.
    const key = canonical(source.file);
    if (seen.has(key)) continue;
    seen.add(key);
    const loaded = loadSettingsHooks(source.file, source.origin, source.fromProject);
    settings.push(...loaded.commands);
    notices.push(...loaded.notices);
  }
  let trusted: boolean | undefined;
  return { scope: { settings, trusted: () => (trusted ??= projectTrusted(cwd, home, options)), home }, notices };
}

/** The definition's own `hooks`; from the project when its file lives inside the project. */
export function definitionHooks(definition: AgentDefinition, cwd: string): { commands: HookCommand[]; notices: string[] } {
  if (definition.hooks === undefined) return { commands: [], notices: [] };
  const fromProject = isInside(canonical(definition.file), canonical(cwd));
  return parseHooksValue(definition.hooks, { file: definition.file, origin: 'agent', fromProject, field: 'hooks' });
}

/** Drops project hooks in an untrusted project; one notice says how many and from where. */
export function trustedOnly(commands: HookCommand[], trusted: () => boolean): { commands: HookCommand[]; notice?: string } {
  const skipped = commands.filter((c) => c.fromProject);
  if (skipped.length === 0 || trusted()) return { commands };
  const files = [...new Set(skipped.map((c) => c.file))].join(', ');
  return {
    commands: commands.filter((c) => !c.fromProject),
    notice: `${skipped.length} hook(s) from the project (${files}) not run: the project is not trusted (pass --trust-project, or trust the folder in Claude Code)`,
  };
}

function samePath(recorded: string, cwd: string): boolean {
  return path.resolve(recorded) === path.resolve(cwd) || canonical(recorded) === canonical(cwd);
}

function canonical(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}
