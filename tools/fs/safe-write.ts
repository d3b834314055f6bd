import { constants, type Stats } from 'node:fs';
import { lstat, mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';

/** A write the tools refuse, with the reason for the model. */
export class UnsafeWriteError extends Error {
  override name = 'UnsafeWriteError';
}

/** lstat that returns undefined for a missing path instead of throwing. */
export async function lstatIfExists(path: string): Promise<Stats | undefined> {
  try {
    return await lstat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Writes bytes to a regular file without ever following a final symlink: the file is opened with
 * O_NOFOLLOW (the kernel refuses a link there even if one appears after our checks), and only then, once
 * fstat shows a regular file with a single link, truncated. A hard link is refused because writing through
 * it changes a file elsewhere too. Parent folders are created.
 * Returns the stat after writing (for the session's read state) and whether the file is new.
 */
export async function writeFileNoFollow(absPath: string, data: Buffer): Promise<{ stat: Stats; created: boolean }> {
  const before = await lstatIfExists(absPath);
  if (before?.isSymbolicLink()) throw new UnsafeWriteError(`Refusing to write ${absPath}: it is a symbolic link (links are never followed when writing).`);
  if (before && !before.isFile()) throw new UnsafeWriteError(`Refusing to write ${absPath}: it is not a regular file.`);
  await mkdir(dirname(absPath), { recursive: true });
  let handle;
  try {
    handle = await open(absPath, constants.O_WRONLY | constants.O_CREAT | constants.O_NOFOLLOW | constants.O_NONBLOCK, 0o666);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') {
      throw new UnsafeWriteError(`Refusing to write ${absPath}: it is a symbolic link (links are never followed when writing).`);
    }
    throw error;
  }
  try {
    const opened = await handle.stat();
    if (!opened.isFile()) throw new UnsafeWriteError(`Refusing to write ${absPath}: it is not a regular file.`);
    if (opened.nlink > 1) throw new UnsafeWriteError(`Refusing to write ${absPath}: it has ${opened.nlink} hard links, and writing would change the other copies too.`);
    await handle.truncate(0);
    await handle.writeFile(data);
    return { stat: await handle.stat(), created: before === undefined };
  } finally {
    await handle.close();
  }
}
