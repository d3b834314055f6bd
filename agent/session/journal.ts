/**
 * Writes a session's journal: one JSON record a line, each written whole with one write() call so a kill never leaves
 * more than the last line torn (written lines survive a killed process at once). Long strings are stored once in
 * `blobs/` and referenced (blobs.ts). At each turn boundary the journal is
 * fsynced off the event loop, so concurrent runs in one process (batch) do not wait on the disk. meta.json is rewritten atomically (rename) when the
 * cost or the task changes; it is not fsynced, since the journal alone can rebuild it (see list.ts).
 */
import { closeSync, fsync, fsyncSync, ftruncateSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { AgentEvent, ResultObject } from '../events.js';
import { externalize, JOURNAL_INLINE_MAX_CHARS } from './blobs.js';
import { FSYNC_RECORDS, JOURNAL_FILE, META_RECORDS, META_FILE, type JournalRecord, type SessionMeta, type StampedRecord } from './records.js';

export interface OpenJournalOptions {
  /** The session folder (`<sessions dir>/<id>`). */
  dir: string;
  meta: SessionMeta;
  /** For an existing journal: where its complete records end (a torn tail is cut off first). */
  resumeAt?: { completeBytes: number; unterminated: boolean };
  /** Strings longer than this go to `blobs/` (default JOURNAL_INLINE_MAX_CHARS). */
  inlineMaxChars?: number;
  /** Also gets every record as journaled (stamped, long strings inline): a copy kept elsewhere (PostgreSQL). */
  onRecord?: (record: StampedRecord) => void;
}

export class SessionJournal {
  readonly file: string;
  /** The first write error, if any (the run goes on; the caller reports it). */
  error?: Error;
  private fd: number | undefined;
  private readonly costBefore: number;

  private constructor(
    readonly dir: string,
    readonly meta: SessionMeta,
    fd: number,
  ) {
    this.file = path.join(dir, JOURNAL_FILE);
    this.fd = fd;
    this.costBefore = meta.cost_usd;
  }

  static open(options: OpenJournalOptions): SessionJournal {
    mkdirSync(options.dir, { recursive: true });
    const file = path.join(options.dir, JOURNAL_FILE);
    const fd = openSync(file, options.resumeAt ? 'r+' : 'wx', 0o600);
    if (options.resumeAt) {
      ftruncateSync(fd, options.resumeAt.completeBytes);
      if (options.resumeAt.unterminated) writeSync(fd, '\n', options.resumeAt.completeBytes);
    }
    const journal = new SessionJournal(options.dir, options.meta, fd);
    journal.inlineMaxChars = options.inlineMaxChars ?? JOURNAL_INLINE_MAX_CHARS;
    journal.onRecord = options.onRecord;
    journal.position = options.resumeAt ? options.resumeAt.completeBytes + (options.resumeAt.unterminated ? 1 : 0) : 0;
    journal.writeMeta();
    return journal;
  }

  private position = 0;
  private inlineMaxChars = JOURNAL_INLINE_MAX_CHARS;
  private onRecord?: (record: StampedRecord) => void;

  record(record: JournalRecord): void {
    if (this.fd === undefined) return;
    try {
      const stamped: StampedRecord = { ...record, ts: new Date().toISOString() };
      this.onRecord?.(stamped);
      const stored = externalize(stamped, this.dir, this.inlineMaxChars);
      const line = `${JSON.stringify(stored)}\n`;
      const bytes = Buffer.byteLength(line);
      // One write of the string (no Buffer copy); a short write, which a regular file hardly ever gives, goes on from bytes.
      let done = writeSync(this.fd, line, this.position, 'utf8');
      if (done < bytes) {
        const buffer = Buffer.from(line, 'utf8');
        while (done < bytes) done += writeSync(this.fd, buffer, done, bytes - done, this.position + done);
      }
      this.position += bytes;
      if (record.type === 'usage') this.meta.cost_usd = this.costBefore + record.total_cost_usd;
      if (record.type === 'task') this.meta.last_task = record.text;
      if (record.type === 'init') this.meta.model = record.model;
      if (FSYNC_RECORDS.has(record.type)) this.sync();
      if (META_RECORDS.has(record.type)) this.writeMetaSoon();
    } catch (err) {
      this.error ??= err as Error;
    }
  }

  /** Journals a run event (text deltas are left out: the assistant message carries the text). */
  readonly onEvent = (event: AgentEvent): void => {
    if (event.type !== 'text_delta') this.record(event);
  };

  /** The run is over: the status becomes its result subtype; the journal is synced and closed. */
  async finish(result: ResultObject | undefined, status: string = result?.subtype ?? 'error_during_execution'): Promise<void> {
    if (result) this.meta.cost_usd = this.costBefore + result.total_cost_usd;
    this.meta.status = status;
    delete this.meta.pid;
    try {
      this.writeMeta();
    } catch (err) {
      this.error ??= err as Error;
    }
    await this.close();
  }

  async close(): Promise<void> {
    if (this.fd === undefined) return;
    const fd = this.fd;
    this.fd = undefined;
    while (this.syncing) await this.syncing;
    await new Promise<void>((resolve) => fsync(fd, () => resolve()));
    closeSync(fd);
  }

  private syncing: Promise<void> | undefined;
  private syncAgain = false;

  /** One fsync in flight at a time; boundaries reached meanwhile are covered by one more after it. */
  private sync(): void {
    if (this.syncing) {
      this.syncAgain = true;
      return;
    }
    const fd = this.fd as number;
    this.syncing = new Promise<void>((resolve) =>
      fsync(fd, (err) => {
        if (err) this.error ??= err;
        resolve();
      }),
    ).then(() => {
      this.syncing = undefined;
      if (this.syncAgain && this.fd !== undefined) {
        this.syncAgain = false;
        this.sync();
      }
    });
  }

  private writeMeta(): void {
    this.meta.updated = new Date().toISOString();
    this.metaWrittenAt = Date.now();
    writeJsonAtomic(path.join(this.dir, META_FILE), this.meta);
  }

  private metaWrittenAt = 0;

  /**
   * The running cost in meta.json is refreshed at most once per META_REFRESH_MS: a rewrite (open, write, rename) at
   * every turn was the largest per-turn cost of a run. `finish` always writes it; a killed run's journal still has
   * every usage record, and `sessions` rebuilds from the journal.
   */
  private writeMetaSoon(): void {
    if (Date.now() - this.metaWrittenAt >= META_REFRESH_MS) this.writeMeta();
  }
}

/** How stale the running cost in a live session's meta.json may be. */
export const META_REFRESH_MS = 1_000;

/** Write to a temporary file (fsynced when `durable`), rename over: a reader sees the old file or the new one, never half of one. */
export function writeJsonAtomic(file: string, value: unknown, mode = 0o600, durable = false): void {
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', mode);
  try {
    writeSync(fd, `${JSON.stringify(value, null, 2)}\n`);
    if (durable) fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}
