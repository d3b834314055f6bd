/**
 * The shape of a Claude Code settings file as the gate reads it (`permissions.allow/ask/deny`, `defaultMode`,
 * `additionalDirectories`, `disableBypassPermissionsMode`; every other field kept and ignored), checked by hand: the gate
 * is built at the start of every Claude Code hook call, and the zod schema this replaces was most of the code that
 * start loaded. test/permissions/settings-shape.test.ts holds it to that schema: same verdict, same first problem
 * (path and zod's message) on generated files.
 */

export const SETTINGS_MODES = ['default', 'plan', 'acceptEdits', 'bypassPermissions', 'dontAsk', 'auto', 'manual'] as const;
export type SettingsMode = (typeof SETTINGS_MODES)[number];

export interface SettingsPermissions {
  allow?: string[];
  ask?: string[];
  deny?: string[];
  defaultMode?: SettingsMode;
  additionalDirectories?: string[];
  disableBypassPermissionsMode?: 'disable';
  [field: string]: unknown;
}

export interface SettingsShape {
  permissions?: SettingsPermissions;
  [field: string]: unknown;
}

/** The first problem: where (dotted path, '' for the top level) and what, in zod's words. */
export type ShapeResult = { ok: true; value: SettingsShape } | { ok: false; path: string; message: string };

type Problem = { path: string; message: string } | undefined;

/** A JSON value's kind as zod names it. */
const kind = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const expected = (path: string, what: string, v: unknown): Problem => ({ path, message: `Invalid input: expected ${what}, received ${kind(v)}` });

function stringList(path: string, v: unknown): Problem {
  if (!Array.isArray(v)) return expected(path, 'array', v);
  const bad = v.findIndex((item) => typeof item !== 'string');
  return bad < 0 ? undefined : expected(`${path}.${bad}`, 'string', v[bad]);
}

function permissionsProblem(p: Record<string, unknown>): Problem {
  for (const key of ['allow', 'ask', 'deny'] as const) {
    if (p[key] !== undefined) {
      const problem = stringList(`permissions.${key}`, p[key]);
      if (problem) return problem;
    }
  }
  if (p.defaultMode !== undefined && !(SETTINGS_MODES as readonly unknown[]).includes(p.defaultMode)) {
    return { path: 'permissions.defaultMode', message: `Invalid option: expected one of ${SETTINGS_MODES.map((m) => JSON.stringify(m)).join('|')}` };
  }
  if (p.additionalDirectories !== undefined) {
    const problem = stringList('permissions.additionalDirectories', p.additionalDirectories);
    if (problem) return problem;
  }
  if (p.disableBypassPermissionsMode !== undefined && p.disableBypassPermissionsMode !== 'disable') {
    return { path: 'permissions.disableBypassPermissionsMode', message: 'Invalid input: expected "disable"' };
  }
  return undefined;
}

/** Checks parsed settings JSON; the value is the JSON itself when it has the shape. */
export function checkSettingsShape(json: unknown): ShapeResult {
  if (!isObject(json)) return { ok: false, ...expected('', 'object', json)! };
  const p = json.permissions;
  if (p !== undefined) {
    if (!isObject(p)) return { ok: false, ...expected('permissions', 'object', p)! };
    const problem = permissionsProblem(p);
    if (problem) return { ok: false, ...problem };
  }
  return { ok: true, value: json as SettingsShape };
}
