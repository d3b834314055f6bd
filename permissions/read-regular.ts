import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';

/** A file the checks must read is not a regular file (a FIFO would block the gate forever) or is too large. */
export class NotRegularFileError extends Error {}

/**
 * Reads a regular file as UTF-8 without blocking: opened non-blocking, then checked with fstat on the same descriptor,
 * so a FIFO or device swapped in under the name is refused rather than read.
 */
export function readRegularFile(file: string, maxBytes = Number.MAX_SAFE_INTEGER): string {
  const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new NotRegularFileError(`${file} is not a regular file`);
    if (st.size > maxBytes) throw new NotRegularFileError(`${file} is larger than ${maxBytes} bytes`);
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}
