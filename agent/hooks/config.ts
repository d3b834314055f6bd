/**
 * Claude Code's `hooks` setting, read from the three settings files and an agent definition's frontmatter, checked
 * with zod (a bad entry is an error naming the file and the field), merged as Claude Code merges them: every source's
 * matcher groups are kept, in the order user, project, local, agent.
 */
import path from 'node:path';
import * as z from 'zod';
import { PermissionConfigError, readSettingsJson } from '../../permissions/settings.js';
import { matcherProblem } from './matcher.js';

/** The events this runtime fires (README "Hooks"). */
export const HOOK_EVENTS = [
  'PreToolUse',
  'PostToolUse',
  'PostToolUseFailure',
  'UserPromptSubmit',
  'Stop',
  'SubagentStop',
  'SessionStart',
  'SessionEnd',
  'Notification',
  'PreCompact',
] as const;
export type HookEvent = (typeof HOOK_EVENTS)[number];

/** Claude Code's default time a hook may run (its `timeout` field, in seconds, overrides it). */
export const DEFAULT_HOOK_TIMEOUT_S = 60;
/** Longest `timeout` accepted: a day (a larger value is a typo, and a hook holds the run while it runs). */
export const MAX_HOOK_TIMEOUT_S = 86_400;

/** Largest settings file read for hooks. */
const MAX_SETTINGS_BYTES = 8 * 1024 * 1024;

/** Where a hook was configured; `project` and `local` files and project agent definitions are code from the repository. */
export type HookOrigin = 'user' | 'project' | 'local' | 'agent';

export interface HookCommand {
  event: HookEvent;
  /** The group's matcher as written (undefined: matches everything). */
  matcher?: string;
  command: string;
  timeoutMs: number;
  origin: HookOrigin;
  /** The file it came from (a settings file or the definition). */
  file: string;
  /** Code from the project: runs only in a trusted project. */
  fromProject: boolean;
}

export interface LoadedHooks {
  commands: HookCommand[];
  /** Entries that are valid for Claude Code but not run here (an event or hook type this runtime lacks). */
  notices: string[];
}

/** A hooks entry that cannot be used: exit 2 like every other bad settings file, naming the file and field. */
export class HookConfigError extends PermissionConfigError {
  constructor(file: string, line: number | undefined, detail: string) {
    super(file, line, detail);
    this.name = 'HookConfigError';
  }
}

const commandHook = z
  .object({
    type: z.string(),
    command: z.string().optional(),
    timeout: z.number().positive().max(MAX_HOOK_TIMEOUT_S).optional(),
  })
  .loose();
const matcherGroup = z.object({ matcher: z.string().optional(), hooks: z.array(commandHook) }).loose();
const hooksValue = z.record(z.string(), z.array(matcherGroup));

/** Checks a `hooks` value (a settings file's or a definition's); `field` prefixes the paths in errors. */
export function parseHooksValue(value: unknown, where: { file: string; origin: HookOrigin; fromProject: boolean; field: string }): LoadedHooks {
  const parsed = hooksValue.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HookConfigError(where.file, undefined, `${fieldPath(where.field, issue.path)}: ${issue.message}`);
  }
  const commands: HookCommand[] = [];
  const notices: string[] = [];
  for (const [event, groups] of Object.entries(parsed.data)) {
    if (!(HOOK_EVENTS as readonly string[]).includes(event)) {
      notices.push(`${where.file}: ${where.field}.${event}: this event is not fired by docker-expert; its hooks are ignored`);
      continue;
    }
    groups.forEach((group, gi) => {
      const problem = matcherProblem(group.matcher);
      if (problem) throw new HookConfigError(where.file, undefined, `${where.field}.${event}[${gi}].matcher: '${group.matcher}' is ${problem}`);
      group.hooks.forEach((hook, hi) => {
        const field = `${where.field}.${event}[${gi}].hooks[${hi}]`;
        if (hook.type !== 'command') {
          notices.push(`${where.file}: ${field}: hooks of type '${hook.type}' are not supported here (only 'command'); ignored`);
          return;
        }
        if (!hook.command?.trim()) throw new HookConfigError(where.file, undefined, `${field}.command: a command hook needs a non-empty command`);
        commands.push({
          event: event as HookEvent,
          matcher: group.matcher,
          command: hook.command,
          timeoutMs: Math.round((hook.timeout ?? DEFAULT_HOOK_TIMEOUT_S) * 1000),
          origin: where.origin,
          file: where.file,
          fromProject: where.fromProject,
        });
      });
    });
  }
  return { commands, notices };
}

/** Reads `hooks` from one settings file; a missing file has none. */
export function loadSettingsHooks(file: string, origin: HookOrigin, fromProject: boolean): LoadedHooks {
  const json = readSettingsJson(file, MAX_SETTINGS_BYTES);
  if (json === undefined) return { commands: [], notices: [] };
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new HookConfigError(file, undefined, '(top level): expected an object');
  const value = (json as Record<string, unknown>).hooks;
  if (value === undefined) return { commands: [], notices: [] };
  return parseHooksValue(value, { file, origin, fromProject, field: 'hooks' });
}

/** The settings files Claude Code reads hooks from, in merge order. */
export function settingsFiles(cwd: string, home: string): { file: string; origin: HookOrigin; fromProject: boolean }[] {
  return [
    { file: path.join(home, '.claude', 'settings.json'), origin: 'user', fromProject: false },
    { file: path.join(cwd, '.claude', 'settings.json'), origin: 'project', fromProject: true },
    { file: path.join(cwd, '.claude', 'settings.local.json'), origin: 'local', fromProject: true },
  ];
}

function fieldPath(prefix: string, issuePath: PropertyKey[]): string {
  return issuePath.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : `${acc}.${String(p)}`), prefix);
}
