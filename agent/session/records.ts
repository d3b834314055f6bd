/** What a session journal holds: one JSON record a line, in the order things happened. */
import type { AgentEvent } from '../events.js';

/** File names inside a session folder (`<sessions dir>/<id>/`). */
export const JOURNAL_FILE = 'journal.jsonl';
export const META_FILE = 'meta.json';
/** Where sessions live under a project when no `--sessions-dir` is given. */
export const DEFAULT_SESSIONS_SUBDIR = ['.docker-expert', 'sessions'] as const;

/**
 * A journal record: every run event except text deltas (the assistant message holds the text), plus the session's
 * own records: `session` (first line), `task` (a user message that starts or continues a task).
 * Messages the session layer adds on resume (interrupted tool calls) are journaled as `user` records.
 */
export type JournalRecord =
  | { type: 'session'; id: string; agent: string; cwd: string; created: string }
  | { type: 'task'; text: string }
  | Exclude<AgentEvent, { type: 'text_delta' }>;

export type StampedRecord = JournalRecord & { ts: string };

/** Records after which the journal is fsynced: the turn boundaries (a model response, the tool results, the end). */
export const FSYNC_RECORDS: ReadonlySet<JournalRecord['type']> = new Set(['assistant', 'user', 'result']);
/** Records after which meta.json is rewritten (the cost it shows; the task is set when the run starts). */
export const META_RECORDS: ReadonlySet<JournalRecord['type']> = new Set(['usage']);

/** The small summary kept next to the journal, rewritten atomically at each turn boundary. */
export interface SessionMeta {
  id: string;
  agent: string;
  /** The first task of the session (what it is about). */
  task: string;
  /** The latest task or chat message. */
  last_task: string;
  cwd: string;
  model: string;
  /** `running` while a process works on it; the last run's result subtype after. */
  status: string;
  cost_usd: number;
  created: string;
  updated: string;
  /** The process running it (to tell a crashed `running` session from a live one). */
  pid?: number;
}

/** A session id is a folder name: letters, digits, `.`, `_`, `-`, not starting with a dot. */
export const SESSION_ID_PATTERN = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/;

export class SessionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SessionError';
  }
}

export function checkSessionId(id: string): string {
  if (!SESSION_ID_PATTERN.test(id)) throw new SessionError(`'${id}' is not a session id (letters, digits, '.', '_', '-')`);
  return id;
}
