import { readFileSync } from 'node:fs';
import { jsonErrorLine } from '../permissions/json-error.js';

/**
 * A Claude Code settings file read to be changed: its JSON object (`{}` when it is missing or empty) and its text.
 * Anything else is an error made by `fail` with a message naming the file (and the line of a JSON error), so the
 * caller can leave the file exactly as it was.
 */
export function readSettingsObject(file: string, fail: (message: string) => Error): { settings: Record<string, unknown>; text?: string } {
  let text: string | undefined;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw fail(`${file}: cannot read: ${(err as Error).message}`);
  }
  if (text === undefined || text.trim() === '') return { settings: {}, text };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw fail(`${file}:${jsonErrorLine(text)}: invalid JSON (${(err as Error).message.split('\n')[0]})`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw fail(`${file}: the top level is not a JSON object`);
  return { settings: json as Record<string, unknown>, text };
}
