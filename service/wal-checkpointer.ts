/**
 * Moves the SQLite store's WAL checkpoints off the request thread. In WAL mode SQLite copies the log back into the
 * database file (a checkpoint) on the commit that takes the log past 1,000 pages, inside that commit: page writes
 * and, with `synchronous = NORMAL`, an fsync of the log and of the database. On the request thread that stalled
 * SendMessage answers for 15 ms on a quiet disk, 30 ms and more on a busy one, every few seconds of a busy server.
 *
 * Here the store's connection never checkpoints (`wal_autocheckpoint = 0`); a thread of its own holds a second
 * connection and runs a PASSIVE checkpoint (it never blocks the writer, and copies what no reader still needs) every
 * `intervalMs`. The thread runs at a lower priority, like task threads (thread-priority.ts).
 * Should it fail or exit, the store's connection checkpoints for itself again (the SQLite default), so the log never
 * grows without bound. `stop()` ends the thread and its connection first, so that the store's own close, the last
 * connection, checkpoints and removes the log as SQLite does.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Database } from 'better-sqlite3';

/** How often the thread looks at the log (`serve` default). */
export const DEFAULT_CHECKPOINT_INTERVAL_MS = 1000;
/** SQLite's own default: a commit checkpoints once the log holds this many pages. */
const SQLITE_AUTOCHECKPOINT_PAGES = 1000;

/** What one checkpoint did: the log's frames, and how many of them are now in the database file. */
export interface CheckpointResult {
  logFrames: number;
  checkpointedFrames: number;
}

export interface WalCheckpointer {
  /** Ends the thread (and its connection); resolves once it has exited. */
  stop(): Promise<void>;
  /** Whether the thread took the checkpoints over and still has them (false once it failed: SQLite's default again). */
  readonly active: boolean;
}

export interface CheckpointerOptions {
  intervalMs?: number;
  /** Each checkpoint the thread ran. */
  onCheckpoint?: (result: CheckpointResult) => void;
  /** The thread failed; the store's connection checkpoints for itself again. */
  onError?: (err: Error) => void;
}

// The thread's code (CommonJS, evaluated: no file to find in the bundle). It opens its own connection and, every
// interval, runs a PASSIVE checkpoint (with nothing new in the log it only reads the log's index), telling the
// parent when the log or what is checkpointed of it changed. (The log file's size is no sign of new frames: once
// checkpointed in full, the writer starts the log over from its beginning in the same file.)
const THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const { readlinkSync } = require('node:fs');
const { getPriority, setPriority } = require('node:os');
try {
  const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
  setPriority(tid, Math.min(19, getPriority(tid) + workerData.nice));
} catch {}
const Database = require(workerData.driver);
const db = new Database(workerData.file, { timeout: 5000 });
let last = '';
const tick = () => {
  const [row] = db.pragma('wal_checkpoint(PASSIVE)');
  const now = row.log + '/' + row.checkpointed;
  if (now === last) return;
  last = now;
  if (row.log > 0) parentPort.postMessage({ logFrames: row.log, checkpointedFrames: row.checkpointed });
};
const timer = setInterval(() => { try { tick(); } catch (err) { clearInterval(timer); throw err; } }, workerData.intervalMs);
parentPort.on('message', (m) => { if (m === 'stop') { clearInterval(timer); db.close(); parentPort.close(); } });
`;

/** Starts the thread for the database file `file`, whose store connection is `database`. */
export function startWalCheckpointer(database: Database, file: string, options: CheckpointerOptions = {}): WalCheckpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  database.pragma('wal_autocheckpoint = 0');
  let active = true;
  let stopping = false;
  const worker = new Worker(THREAD, { eval: true, name: 'docker-expert wal checkpoint', workerData: { driver, file, intervalMs: options.intervalMs ?? DEFAULT_CHECKPOINT_INTERVAL_MS, nice: 10 } });
  // Nothing to wait for: the server's exit never waits on this thread.
  worker.unref();
  const fallBack = (err: Error) => {
    if (!active) return;
    active = false;
    if (database.open) database.pragma(`wal_autocheckpoint = ${SQLITE_AUTOCHECKPOINT_PAGES}`);
    options.onError?.(err);
  };
  worker.on('message', (m: CheckpointResult) => options.onCheckpoint?.(m));
  worker.on('error', fallBack);
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', (code) => {
      if (!stopping) fallBack(new Error(`the WAL checkpoint thread exited (code ${code})`));
      resolve();
    }),
  );
  return {
    get active() {
      return active;
    },
    async stop() {
      stopping = true;
      worker.postMessage('stop');
      // A thread that does not end on its own (a checkpoint stuck on the disk) is ended.
      const timer = setTimeout(() => void worker.terminate(), 5000);
      await exited;
      clearTimeout(timer);
      active = false;
    },
  };
}
