/** Paths a client names are taken from the served root and must stay inside it once symlinks are followed. */
import { realpath } from 'node:fs/promises';
import path from 'node:path';

export class OutsideRootError extends Error {}

/** The real path of `input` (relative to `root` or absolute); throws OutsideRootError when it leaves `root` or does not exist. */
export async function resolveInsideRoot(root: string, input: string): Promise<string> {
  if (input.includes('\0')) throw new OutsideRootError('the path holds a NUL byte');
  let real: string;
  try {
    real = await realpath(path.resolve(root, input));
  } catch {
    throw new OutsideRootError(`'${input}' does not exist under ${root}`);
  }
  const rel = path.relative(root, real);
  if (rel === '' || (!path.isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${path.sep}`))) return real;
  throw new OutsideRootError(`'${input}' is outside the served folder ${root} (start the server with --root to serve another folder)`);
}
