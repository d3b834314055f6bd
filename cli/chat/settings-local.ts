/**
 * "Always" in chat writes an allow rule to `<cwd>/.claude/settings.local.json`, merged with what is there. A file that
 * is not valid JSON, or not shaped like settings, is an error and is left exactly as it was.
 */
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { writeJsonAtomic } from '../../agent/session/journal.js';
import { readSettingsObject } from '../settings-json.js';
import type { PermissionRequest } from '../../permissions/types.js';

export const SETTINGS_LOCAL = path.join('.claude', 'settings.local.json');

export class SettingsWriteError extends Error {}

/** Adds `rule` to `permissions.allow`; returns false when it was already there. */
export function addAllowRule(cwd: string, rule: string): { file: string; added: boolean } {
  const file = path.join(cwd, SETTINGS_LOCAL);
  const { settings, text } = readSettingsObject(file, (message) => new SettingsWriteError(`${message}; not changed`));
  const permissions = settings.permissions ?? {};
  if (!isObject(permissions)) throw new SettingsWriteError(`${file}: permissions is not an object; not changed`);
  const allow = permissions.allow ?? [];
  if (!Array.isArray(allow) || allow.some((r) => typeof r !== 'string')) throw new SettingsWriteError(`${file}: permissions.allow is not a list of strings; not changed`);
  if (allow.includes(rule)) return { file, added: false };
  mkdirSync(path.dirname(file), { recursive: true });
  const mode = text === undefined ? 0o644 : statSync(file).mode & 0o777;
  writeJsonAtomic(file, { ...settings, permissions: { ...permissions, allow: [...allow, rule] } }, mode, true);
  return { file, added: true };
}

/**
 * The narrowest rule that allows again what was approved: the exact command for Bash (none for a compound command),
 * the exact file for the edit tools, the tool itself otherwise. Undefined: approve for this session only.
 */
export function allowRuleFor(req: PermissionRequest, cwd: string): string | undefined {
  const input = (req.input ?? {}) as Record<string, unknown>;
  if (req.toolName === 'Bash') {
    const command = typeof input.command === 'string' ? input.command.trim() : '';
    if (!command || /[\n;&|<>`$()\\]/.test(command)) return undefined;
    return `Bash(${command})`;
  }
  if (['Write', 'Edit', 'MultiEdit', 'NotebookEdit'].includes(req.toolName)) {
    const file = typeof input.file_path === 'string' ? path.resolve(cwd, input.file_path) : undefined;
    if (!file || /[*?[\]{}!()\\]/.test(file)) return undefined;
    const rel = path.relative(cwd, file);
    return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? `Edit(/${rel})` : `Edit(/${file})`;
  }
  if (req.toolName === 'Read' || req.toolName === 'Grep' || req.toolName === 'Glob') return undefined;
  return /^[A-Za-z0-9_-]+$/.test(req.toolName) ? req.toolName : undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
