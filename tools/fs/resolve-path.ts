import { homedir } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import type { ToolContext } from '../tool.js';

/**
 * Turns the path the model gave into an absolute one: relative paths are taken from the project root
 * (`ctx.cwd`), `~` means the home folder (as the permission gate reads it). Confinement is the gate's job;
 * this only makes sure the tool acts on the path the gate judged.
 */
export function resolveToolPath(ctx: Pick<ToolContext, 'cwd'>, given: string, field = 'file_path'): string {
  if (given.length === 0) throw new ToolInputError(`${field} is empty`);
  if (given.includes('\0')) throw new ToolInputError(`${field} contains a NUL byte`);
  let path = given;
  if (path === '~') path = homedir();
  else if (path.startsWith('~/')) path = homedir() + path.slice(1);
  return isAbsolute(path) ? resolve(path) : resolve(ctx.cwd, path);
}

/** A mistake in the tool input: reported to the model as an error result, never thrown past the tool. */
export class ToolInputError extends Error {
  override name = 'ToolInputError';
}

/** How a path is shown to the model: relative to the project root when inside it, absolute otherwise. */
export function displayPath(ctx: Pick<ToolContext, 'cwd'>, abs: string): string {
  const root = ctx.cwd.endsWith('/') ? ctx.cwd : ctx.cwd + '/';
  return abs.startsWith(root) ? abs.slice(root.length) : abs;
}
