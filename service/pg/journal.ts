/**
 * Session journals in PostgreSQL: every record a worker's run journals (the same records as journal.jsonl, long
 * strings inline) is a row of dx_journal, and every file change after a tool call a row of dx_task_files, so that a
 * worker on another machine can rebuild the task (its journal file, its workspace) and resume it. Rows of one task are
 * written in order; a tool_end is stored only after the file changes it made, and each tool call waits (`flushed`)
 * until everything journaled before it is stored, so a call whose start is not in the database never ran. What is
 * journaled while the previous write is under way goes in the next one, as one statement (a run journals in bursts:
 * one round trip each instead of one per record, most of a worker's queries and of their CPU on both ends).
 */
import path from 'node:path';
import type pg from 'pg';
import type { StampedRecord } from '../../agent/session/records.js';
import type { TaskJournalSink } from '../executor.js';
import { retryingConnection } from './retry.js';
import { WorkspaceTracker, type FileChange } from './workspace-files.js';

interface TaskState {
  seq: number;
  fileSeq: number;
  chain: Promise<void>;
  /** Records (with the file changes stored before each) not written yet; a write is queued for them. */
  pending: { changes: FileChange[]; text: string }[];
  error?: Error;
  tracker: WorkspaceTracker;
}

export class PgTaskJournal implements TaskJournalSink {
  private readonly tasks = new Map<string, TaskState>();

  constructor(
    private readonly pool: pg.Pool,
    /** The work folder of a task on this worker. */
    private readonly workOf: (taskId: string) => string,
  ) {}

  /** Starts journaling a task: from the beginning, or (a takeover) after the rows already there. */
  begin(taskId: string, after: { seq: number; fileSeq: number; baseline: boolean } = { seq: 0, fileSeq: 0, baseline: false }): void {
    const tracker = new WorkspaceTracker(this.workOf(taskId));
    if (after.baseline) tracker.baseline();
    this.tasks.set(taskId, { seq: after.seq, fileSeq: after.fileSeq, chain: Promise.resolve(), pending: [], tracker });
  }

  end(taskId: string): void {
    this.tasks.delete(taskId);
  }

  record(taskId: string, record: StampedRecord): void {
    const t = this.tasks.get(taskId);
    if (!t) return;
    // The session record is written once the workspace is prepared: that copy is the base the changes apply to.
    if (record.type === 'session') t.tracker.baseline();
    const changes = record.type === 'tool_end' ? t.tracker.changes() : [];
    t.pending.push({ changes, text: JSON.stringify(record) });
    if (t.pending.length === 1) t.chain = t.chain.then(() => this.write(taskId, t));
  }

  /** Writes every pending record of the task and the file changes before them, in one statement. */
  private async write(taskId: string, t: TaskState): Promise<void> {
    const batch = t.pending.splice(0);
    if (t.error) return;
    const files = batch.flatMap((b) => b.changes);
    const fileSeqs = files.map(() => ++t.fileSeq);
    const seqs = batch.map(() => ++t.seq);
    try {
      // One statement, so the file changes are stored with (never after) the tool_end that follows them.
      await retryingConnection(() =>
        this.pool.query({
          name: 'dx-journal-write',
          text: `WITH files AS (
             INSERT INTO dx_task_files (task_id, seq, path, base_sha256, sha256, content)
             SELECT $1, f.seq, f.path, f.base, f.sha256, f.content
               FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::bytea[]) AS f(seq, path, base, sha256, content)
             ON CONFLICT DO NOTHING)
           INSERT INTO dx_journal (task_id, seq, record)
           SELECT $1, r.seq, r.record FROM unnest($7::int[], $8::text[]) AS r(seq, record)
           ON CONFLICT DO NOTHING`,
          values: [taskId, fileSeqs, files.map((c) => c.path), files.map((c) => c.base), files.map((c) => c.sha256), files.map((c) => c.content), seqs, batch.map((b) => b.text)],
        }),
      );
    } catch (err) {
      t.error = err as Error;
    }
  }

  async flushed(taskId: string): Promise<void> {
    const t = this.tasks.get(taskId);
    if (!t) return;
    await t.chain;
    if (t.error) throw new Error(`the task's journal could not be stored in PostgreSQL (${t.error.message}); the call was not run`);
  }
}

export interface StoredJournal {
  records: StampedRecord[];
  files: FileChange[];
}

export async function readStoredJournal(pool: pg.Pool, taskId: string): Promise<StoredJournal> {
  const records = await pool.query<{ record: string }>('SELECT record FROM dx_journal WHERE task_id = $1 ORDER BY seq', [taskId]);
  const files = await pool.query<{ path: string; base_sha256: string | null; sha256: string | null; content: Buffer | null }>(
    'SELECT path, base_sha256, sha256, content FROM dx_task_files WHERE task_id = $1 ORDER BY seq',
    [taskId],
  );
  return {
    records: records.rows.map((r) => JSON.parse(r.record) as StampedRecord),
    files: files.rows.map((r) => ({ path: r.path, base: r.base_sha256, sha256: r.sha256, content: r.content })),
  };
}

export const journalLines = (records: StampedRecord[]): string => records.map((r) => `${JSON.stringify(r)}\n`).join('');
export const workFolder = (dataDir: string, taskId: string): string => path.join(dataDir, 'tasks', taskId, 'work');
