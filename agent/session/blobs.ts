/**
 * Large strings of a journal record (a Write's content, a long tool result) are kept out of the journal line: each is
 * stored once in `blobs/<sha256>` of the session folder and the line holds a reference to it. A Write's content
 * appears twice in the run's events (the assistant's tool_use and the tool_start), so both lines point at one file.
 * A blob is on disk (fsynced, renamed into place) before the line that names it is written; reading checks its hash.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import path from 'node:path';
import { SessionError } from './records.js';

export const BLOB_DIR = 'blobs';
/** Strings longer than this many characters go to a blob file. */
export const JOURNAL_INLINE_MAX_CHARS = 64 * 1024;
/** The key of a reference; an object with exactly this key (and `chars`) in a journal line is a reference. */
export const BLOB_KEY = '$docker-expert-blob';

const SHA256 = /^[0-9a-f]{64}$/;

interface BlobRef {
  [BLOB_KEY]: string;
  chars: number;
}

/** The record with every long string replaced by a reference to its blob (written now unless already there). */
export function externalize<T>(value: T, sessionDir: string, maxChars = JOURNAL_INLINE_MAX_CHARS): T {
  return walk(value, (s) => (s.length > maxChars ? storeBlob(s, sessionDir) : undefined)) as T;
}

/** The record with every reference replaced by its blob's text. `where` names the journal line for errors. */
export function internalize<T>(value: T, sessionDir: string, where: string): T {
  return walk(value, undefined, (obj) => (isRef(obj) ? loadBlob(obj, sessionDir, where) : undefined)) as T;
}

function storeBlob(text: string, sessionDir: string): BlobRef {
  const bytes = Buffer.from(text, 'utf8');
  const hash = createHash('sha256').update(bytes).digest('hex');
  const dir = path.join(sessionDir, BLOB_DIR);
  const file = path.join(dir, hash);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.tmp`;
    const fd = openSync(tmp, 'w', 0o600);
    try {
      let done = 0;
      while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  }
  return { [BLOB_KEY]: `sha256:${hash}`, chars: text.length };
}

function loadBlob(ref: BlobRef, sessionDir: string, where: string): string {
  const hash = ref[BLOB_KEY].slice('sha256:'.length);
  if (!ref[BLOB_KEY].startsWith('sha256:') || !SHA256.test(hash)) throw new SessionError(`${where}: '${ref[BLOB_KEY]}' is not a blob reference (the journal is damaged)`);
  const file = path.join(sessionDir, BLOB_DIR, hash);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    throw new SessionError(`${where}: the blob ${file} it refers to cannot be read: ${(err as Error).message}`);
  }
  if (createHash('sha256').update(bytes).digest('hex') !== hash) throw new SessionError(`${where}: the blob ${file} does not match its sha256 (it was changed or damaged)`);
  return bytes.toString('utf8');
}

function isRef(obj: Record<string, unknown>): obj is BlobRef & Record<string, unknown> {
  const keys = Object.keys(obj);
  return keys.length === 2 && typeof obj[BLOB_KEY] === 'string' && typeof obj.chars === 'number';
}

/** Copies only what changes: a record without long strings or references comes back as the same object. */
function walk(value: unknown, onString?: (s: string) => unknown, onObject?: (o: Record<string, unknown>) => unknown): unknown {
  if (typeof value === 'string') return onString?.(value) ?? value;
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    value.forEach((item, i) => {
      const next = walk(item, onString, onObject);
      if (next !== item) (out ??= value.slice())[i] = next;
    });
    return out ?? value;
  }
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const replaced = onObject?.(obj);
    if (replaced !== undefined) return replaced;
    let out: Record<string, unknown> | undefined;
    for (const [k, item] of Object.entries(obj)) {
      const next = walk(item, onString, onObject);
      if (next !== item) (out ??= { ...obj })[k] = next;
    }
    return out ?? value;
  }
  return value;
}
