import { parse as parseToml } from 'smol-toml';

/** A project file exists but cannot be read as what its name says: the message names file and line. */
export class StackDetectionError extends Error {
  constructor(readonly file: string, readonly detail: string, readonly line?: number) {
    super(`${file}${line ? `:${line}` : ''}: ${detail}`);
  }
}

function lineOfOffset(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

export function parseJsonFile(text: string, file: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const msg = (err as Error).message;
    const pos = /position (\d+)/.exec(msg);
    throw new StackDetectionError(file, `invalid JSON: ${msg}`, pos ? lineOfOffset(text, Number(pos[1])) : undefined);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new StackDetectionError(file, 'expected a JSON object at the top level', 1);
  }
  return value as Record<string, unknown>;
}

export function parseTomlFile(text: string, file: string): Record<string, unknown> {
  try {
    return parseToml(text) as Record<string, unknown>;
  } catch (err) {
    const e = err as Error & { line?: number };
    throw new StackDetectionError(file, `invalid TOML: ${e.message.split('\n')[0]}`, e.line);
  }
}

/** A string field of a parsed object, or undefined when absent or not a string. */
export function str(obj: unknown, ...keys: string[]): string | undefined {
  let cur: unknown = obj;
  for (const k of keys) {
    if (!cur || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return typeof cur === 'string' ? cur : undefined;
}

export function obj(value: unknown, ...keys: string[]): Record<string, unknown> | undefined {
  let cur: unknown = value;
  for (const k of keys) {
    if (!cur || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur && typeof cur === 'object' && !Array.isArray(cur) ? (cur as Record<string, unknown>) : undefined;
}
