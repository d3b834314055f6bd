import type { ToolResult } from '../tool.js';
import { ToolInputError } from './resolve-path.js';
import { UnsafeWriteError } from './safe-write.js';

export function errorResult(message: string): ToolResult {
  return { content: message, isError: true };
}

/** A filesystem failure in words the model can act on, naming the path. */
export function fsErrorMessage(error: unknown, givenPath: string | undefined): string {
  if (error instanceof ToolInputError || error instanceof UnsafeWriteError) return error.message;
  const err = error as NodeJS.ErrnoException;
  const where = err.path ?? givenPath ?? '';
  switch (err.code) {
    case 'ENOENT':
      return `File does not exist: ${where}`;
    case 'EISDIR':
      return `${where} is a directory, not a file.`;
    case 'ENOTDIR':
      return `A parent of ${where} is not a directory.`;
    case 'EACCES':
    case 'EPERM':
      return `Permission denied by the operating system: ${where}`;
    case 'ELOOP':
      return `Too many levels of symbolic links: ${where}`;
    default:
      return `${err.code ?? 'Error'}: ${err.message ?? String(error)}`;
  }
}
