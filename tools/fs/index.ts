import type { Tool } from '../tool.js';
import { createEditTool } from './edit.js';
import { createGlobTool } from './glob.js';
import { createGrepTool } from './grep.js';
import { createMultiEditTool } from './multi-edit.js';
import { createReadTool } from './read.js';
import { createWriteTool } from './write.js';

export { createReadTool, type ReadInput, type ReadLimits } from './read.js';
export { createWriteTool, type WriteInput } from './write.js';
export { createEditTool, type EditInput } from './edit.js';
export { createMultiEditTool, type MultiEditInput } from './multi-edit.js';
export type { EditLimits } from './edit-file.js';
export { createGrepTool, type GrepInput, type GrepOptions, SECRET_EXCLUDE_GLOBS, VCS_EXCLUDE_GLOBS } from './grep.js';
export { findRipgrep } from './grep/rg-backend.js';
export { createGlobTool, type GlobInput, type GlobLimits, GLOB_SKIPPED_DIRS } from './glob.js';
export { createFileReadState } from './read-state.js';
export { resolveToolPath, displayPath } from './resolve-path.js';
export * from './limits.js';

export const readTool = createReadTool();
export const writeTool = createWriteTool();
export const editTool = createEditTool();
export const multiEditTool = createMultiEditTool();
export const grepTool = createGrepTool();
export const globTool = createGlobTool();

export interface FsToolLimits {
  /** `--max-write-bytes`: most bytes one Write may write (default WRITE_MAX_BYTES). */
  maxWriteBytes?: number;
}

/** The six file tools, in Claude Code's order, with the default limits unless told otherwise. */
export function fsTools(limits: FsToolLimits = {}): Tool[] {
  const write = limits.maxWriteBytes === undefined ? writeTool : createWriteTool({ maxBytes: limits.maxWriteBytes });
  return [readTool, write, editTool, multiEditTool, grepTool, globTool];
}
