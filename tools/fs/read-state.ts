import type { Stats } from 'node:fs';
import type { FileReadState, ToolContext } from '../tool.js';

/** The session's memory of what was Read: absolute path -> mtime and size at that moment. */
export function createFileReadState(): FileReadState {
  const seen = new Map<string, { mtimeMs: number; size: number }>();
  return {
    get: (absPath) => seen.get(absPath),
    set: (absPath, stat) => void seen.set(absPath, { mtimeMs: stat.mtimeMs, size: stat.size }),
  };
}

export function recordRead(ctx: Pick<ToolContext, 'fileState'>, absPath: string, stat: Pick<Stats, 'mtimeMs' | 'size'>): void {
  ctx.fileState.set(absPath, { mtimeMs: stat.mtimeMs, size: stat.size });
}

/**
 * Why an existing file may not be changed now, or undefined when it may: it must have been Read in this
 * session and be unchanged (same mtime and size) since.
 */
export function staleReason(ctx: Pick<ToolContext, 'fileState'>, absPath: string, current: Pick<Stats, 'mtimeMs' | 'size'>): string | undefined {
  const seen = ctx.fileState.get(absPath);
  if (!seen) return 'File has not been read yet. Read it first before writing to it.';
  if (seen.mtimeMs !== current.mtimeMs || seen.size !== current.size) {
    return 'File has been modified since it was read, either by the user or by another process. Read it again before changing it.';
  }
  return undefined;
}
