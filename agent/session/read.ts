/** Reads a session journal back, tolerating a torn last line (a crash in the middle of a write). */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { internalize } from './blobs.js';
import { SessionError, type StampedRecord } from './records.js';

/** Largest journal read back (`maxJournalBytes`). */
export const DEFAULT_MAX_JOURNAL_BYTES = 64 * 1024 * 1024;

export interface ReadJournalOptions {
  maxBytes?: number;
}

export interface JournalContents {
  records: StampedRecord[];
  /** Bytes up to the end of the last complete record: where appending continues (a torn tail is cut off). */
  completeBytes: number;
  /** The last record lacks its newline (appending must add one first). */
  unterminated: boolean;
  /** Things a person should know (a torn last line that was ignored). */
  notices: string[];
}

export function readJournal(file: string, options: ReadJournalOptions = {}): JournalContents {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_JOURNAL_BYTES;
  let size: number;
  try {
    size = statSync(file).size;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new SessionError(`${file}: no such session journal`);
    throw new SessionError(`${file}: cannot read: ${(err as Error).message}`);
  }
  if (size > maxBytes) throw new SessionError(`${file}: ${size} bytes, over the limit of ${maxBytes} bytes for a session journal`);
  const buf = readFileSync(file);
  const records: StampedRecord[] = [];
  const notices: string[] = [];
  let offset = 0;
  let lineNo = 0;
  let completeBytes = 0;
  let unterminated = false;
  while (offset < buf.length) {
    const nl = buf.indexOf(0x0a, offset);
    const end = nl === -1 ? buf.length : nl;
    lineNo++;
    const line = buf.subarray(offset, end).toString('utf8');
    const isLast = nl === -1 || nl === buf.length - 1;
    offset = end + 1;
    if (line.trim() === '') {
      if (nl !== -1) completeBytes = offset;
      continue;
    }
    const record = parseRecord(line);
    if (!record) {
      if (isLast && nl === -1) {
        notices.push(`${file}:${lineNo}: the last line is incomplete (a write cut short by a crash); it is ignored`);
        break;
      }
      throw new SessionError(`${file}:${lineNo}: not a journal record (the journal is damaged)`);
    }
    records.push(internalize(record, path.dirname(file), `${file}:${lineNo}`));
    completeBytes = nl === -1 ? buf.length : offset;
    unterminated = nl === -1;
  }
  return { records, completeBytes, unterminated, notices };
}

function parseRecord(line: string): StampedRecord | undefined {
  try {
    const value = JSON.parse(line) as unknown;
    if (value && typeof value === 'object' && typeof (value as { type?: unknown }).type === 'string') return value as StampedRecord;
  } catch {
    /* not JSON */
  }
  return undefined;
}
