/**
 * The hook entries docker-expert puts into Claude Code settings (`init claude`) and ships in the plugin
 * (claude-plugin/hooks/hooks.json), and their idempotent merge into a settings file.
 */
import { statSync } from 'node:fs';
import { writeJsonAtomic } from '../../agent/session/journal.js';
import { readSettingsObject } from '../settings-json.js';

type HookEntry = { type: 'command'; command: string; timeout: number; onFailure?: 'block' };
type MatcherGroup = { matcher: string; hooks: HookEntry[] };
export type ClaudeHooks = { PreToolUse: MatcherGroup[]; PostToolUse: MatcherGroup[] };

/** Seconds Claude Code waits for each hook (a timeout blocks the call: onFailure). */
export const PRE_TOOL_USE_TIMEOUT = 30;
export const POST_TOOL_USE_TIMEOUT = 60;

/**
 * The hooks for a command prefix that runs `docker-expert` (`'/usr/bin/node' '/x/bin/docker-expert.js'`, or the
 * plugin's wrapper). `onFailure: block`: a hook that cannot start or dies (not our exit 2) still blocks the call.
 */
export function claudeHooks(prefix: string, preArgs: string[] = []): ClaudeHooks {
  return {
    PreToolUse: [{ matcher: '*', hooks: [{ type: 'command', command: [prefix, 'hook', 'pre-tool-use', ...preArgs].join(' '), timeout: PRE_TOOL_USE_TIMEOUT, onFailure: 'block' }] }],
    PostToolUse: [{ matcher: 'Write|Edit|MultiEdit', hooks: [{ type: 'command', command: `${prefix} hook post-tool-use`, timeout: POST_TOOL_USE_TIMEOUT }] }],
  };
}

/** Quotes a word for the shell Claude Code runs hook commands with. */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** A settings file that cannot be merged: names file:line (JSON syntax) or file and field. */
export class SettingsFileError extends Error {}

const isOurs = (group: unknown): boolean =>
  typeof group === 'object' && group !== null && Array.isArray((group as MatcherGroup).hooks) &&
  (group as MatcherGroup).hooks.some((h) => typeof h?.command === 'string' && /\bhook (pre|post)-tool-use\b/.test(h.command) && /docker-expert/.test(h.command));

/**
 * Merges `hooks` into the settings file: docker-expert's own entries are replaced, everything else is kept as it was.
 * Returns whether the file changed. A file that is not JSON, or whose `hooks` has the wrong shape, is left untouched.
 */
export function mergeClaudeHooks(file: string, hooks: ClaudeHooks): { changed: boolean } {
  const { settings, text } = readSettingsObject(file, (message) => new SettingsFileError(`${message}; the file was left as it is`));
  const existing = settings.hooks ?? {};
  if (typeof existing !== 'object' || existing === null || Array.isArray(existing)) throw new SettingsFileError(`${file}: hooks must be an object; the file was left as it is`);
  const merged: Record<string, unknown> = { ...(existing as Record<string, unknown>) };
  for (const event of ['PreToolUse', 'PostToolUse'] as const) {
    const groups = merged[event] ?? [];
    if (!Array.isArray(groups)) throw new SettingsFileError(`${file}: hooks.${event} must be an array; the file was left as it is`);
    merged[event] = [...groups.filter((g) => !isOurs(g)), ...hooks[event]];
  }
  const next = { ...settings, hooks: merged };
  if (`${JSON.stringify(next, null, 2)}\n` === text) return { changed: false };
  writeJsonAtomic(file, next, text === undefined ? 0o644 : statSync(file).mode & 0o777);
  return { changed: true };
}
