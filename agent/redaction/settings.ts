/**
 * Patterns of one's own, added to the built-in detectors from settings files (ours, beside Claude Code's keys):
 *
 *   { "redaction": { "patterns": [ { "kind": "acme-token", "pattern": "acme_[A-Za-z0-9]{32}" } ] } }
 *
 * Read from `<cwd>/.claude/settings.json`, `<cwd>/.claude/settings.local.json` and `~/.claude/settings.json`. A file
 * can only add patterns: turning redaction off is `--no-redact`'s alone. A named `value` group redacts just that group.
 */
import os from 'node:os';
import path from 'node:path';
import * as z from 'zod';
import { jsonErrorLine } from '../../permissions/json-error.js';
import { readRegularFile } from '../../permissions/read-regular.js';
import { PermissionConfigError } from '../../permissions/settings.js';
import { patternDetector } from './detectors/pattern.js';
import type { Detector } from './types.js';

/** Longest pattern source accepted (a long pattern is a slow one on every tool result). */
export const MAX_PATTERN_CHARS = 500;
/** Most patterns across all settings files. */
export const MAX_PATTERNS = 100;

const Pattern = z.strictObject({
  kind: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'a kind is 1-40 lowercase letters, digits and dashes, e.g. "acme-token"'),
  pattern: z.string().min(1).max(MAX_PATTERN_CHARS),
  flags: z.string().regex(/^[imsu]*$/, 'flags may be i, m, s and u').optional(),
});
const Settings = z.object({ redaction: z.strictObject({ patterns: z.array(Pattern).max(MAX_PATTERNS).optional() }).optional() }).loose();

export function settingsFilesFor(cwd: string, env: NodeJS.ProcessEnv): string[] {
  const home = env.HOME || os.homedir();
  return [path.join(cwd, '.claude', 'settings.json'), path.join(cwd, '.claude', 'settings.local.json'), path.join(home, '.claude', 'settings.json')];
}

/** The detectors the settings files add. Throws PermissionConfigError naming the file and field of a bad entry. */
export function loadRedactionPatterns(files: string[]): Detector[] {
  const out: Detector[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readRegularFile(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw new PermissionConfigError(file, undefined, `cannot read: ${(err as Error).message}`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      throw new PermissionConfigError(file, jsonErrorLine(text), `invalid JSON: ${(err as Error).message.split('\n')[0]}`);
    }
    const parsed = Settings.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new PermissionConfigError(file, undefined, `${issue.path.join('.')}: ${issue.message}`);
    }
    (parsed.data.redaction?.patterns ?? []).forEach((p, i) => out.push(compile(file, i, p)));
  }
  return out;
}

function compile(file: string, index: number, p: z.infer<typeof Pattern>): Detector {
  const field = `redaction.patterns[${index}].pattern`;
  let re: RegExp;
  try {
    re = new RegExp(p.pattern, p.flags ?? '');
  } catch (err) {
    throw new PermissionConfigError(file, undefined, `${field}: not a valid regular expression: ${(err as Error).message}`);
  }
  if (re.test('')) throw new PermissionConfigError(file, undefined, `${field}: matches the empty string, so it would find nothing to redact`);
  return patternDetector(p.kind, re);
}
