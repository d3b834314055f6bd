import path from 'node:path';
import type { PermissionMode } from './types.js';
import type { PermissionRule, RuleBehavior, RuleSource } from './rules.js';
import { parseRule, RuleSyntaxError } from './rules.js';
import { jsonErrorLine } from './json-error.js';
import { readRegularFile } from './read-regular.js';
import { checkSettingsShape, SETTINGS_MODES as MODES } from './settings-shape.js';

/** A settings file or rule that cannot be used; names the file and, for JSON syntax errors, the line. */
export class PermissionConfigError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly detail: string,
  ) {
    super(line === undefined ? `${file}: ${detail}` : `${file}:${line}: ${detail}`);
    this.name = 'PermissionConfigError';
  }
}

export interface LoadedSettings {
  file: string;
  rules: PermissionRule[];
  defaultMode?: PermissionMode;
  /** Absolute folders (relative entries are taken from the settings file's project root). */
  additionalDirectories: string[];
  disableBypass: boolean;
  warnings: string[];
}

/** A settings file's JSON; undefined when the file does not exist. Unreadable or invalid JSON: PermissionConfigError (file, line). */
export function readSettingsJson(file: string, maxBytes?: number): unknown {
  let text: string;
  try {
    text = readRegularFile(file, maxBytes);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new PermissionConfigError(file, undefined, `cannot read: ${(err as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new PermissionConfigError(file, jsonErrorLine(text), `invalid JSON: ${(err as Error).message.split('\n')[0]}`);
  }
}

/** Maps Claude Code's wider mode list onto the runtime's four (`dontAsk` is how non-interactive runs behave anyway). */
export function toRuntimeMode(mode: (typeof MODES)[number]): PermissionMode {
  if (mode === 'dontAsk' || mode === 'auto' || mode === 'manual') return 'default';
  return mode;
}

/**
 * Reads one settings file. Missing file: undefined. `projectRoot` anchors `/x` patterns and relative directories;
 * `trusted` says whether its allow rules may open host escapes, secret reads, guarded writes and outside paths.
 */
export function loadSettingsFile(file: string, projectRoot: string, trusted: boolean): LoadedSettings | undefined {
  const json = readSettingsJson(file);
  if (json === undefined) return undefined;
  const shape = checkSettingsShape(json);
  if (!shape.ok) throw new PermissionConfigError(file, undefined, `${shape.path || '(top level)'}: ${shape.message}`);
  const perms = shape.value.permissions ?? {};
  const source: RuleSource = { label: file, trusted, root: projectRoot };
  const rules: PermissionRule[] = [];
  for (const behavior of ['deny', 'ask', 'allow'] as RuleBehavior[]) {
    (perms[behavior] ?? []).forEach((raw, i) => {
      try {
        rules.push(parseRule(raw, behavior, source));
      } catch (err) {
        if (err instanceof RuleSyntaxError) throw new PermissionConfigError(file, undefined, `permissions.${behavior}[${i}]: ${err.message}`);
        throw err;
      }
    });
  }
  return {
    file,
    rules,
    defaultMode: perms.defaultMode ? toRuntimeMode(perms.defaultMode) : undefined,
    additionalDirectories: (perms.additionalDirectories ?? []).map((d) => path.resolve(projectRoot, d)),
    disableBypass: perms.disableBypassPermissionsMode === 'disable',
    warnings: [],
  };
}
