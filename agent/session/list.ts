/** The sessions saved under a sessions folder, newest first. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { readJournal } from './read.js';
import { rebuildSession } from './rebuild.js';
import { JOURNAL_FILE, META_FILE, SESSION_ID_PATTERN, type SessionMeta } from './records.js';

export interface SessionSummary {
  id: string;
  agent: string;
  task: string;
  /** `running`, `interrupted` (marked running but its process is gone), or the last run's result subtype. */
  status: string;
  cost_usd: number;
  created: string;
  updated: string;
  cwd: string;
  model: string;
}

export function listSessions(sessionsDir: string): { sessions: SessionSummary[]; notices: string[] } {
  const notices: string[] = [];
  let names: string[];
  try {
    names = readdirSync(sessionsDir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { sessions: [], notices };
    throw err;
  }
  const sessions: SessionSummary[] = [];
  for (const name of names) {
    if (!SESSION_ID_PATTERN.test(name)) continue;
    const dir = path.join(sessionsDir, name);
    const journal = path.join(dir, JOURNAL_FILE);
    try {
      if (!statSync(journal).isFile()) continue;
    } catch {
      continue;
    }
    try {
      sessions.push(summaryOf(name, dir, journal));
    } catch (err) {
      notices.push(`${dir}: ${(err as Error).message}`);
    }
  }
  sessions.sort((a, b) => b.updated.localeCompare(a.updated) || a.id.localeCompare(b.id));
  return { sessions, notices };
}

function summaryOf(id: string, dir: string, journal: string): SessionSummary {
  const meta = readMeta(path.join(dir, META_FILE));
  if (meta) {
    const running = meta.status === 'running';
    return {
      id,
      agent: meta.agent,
      task: meta.task,
      status: running && !(meta.pid && processAlive(meta.pid)) ? 'interrupted' : meta.status,
      cost_usd: meta.cost_usd,
      created: meta.created,
      updated: meta.updated,
      cwd: meta.cwd,
      model: meta.model,
    };
  }
  // No usable meta.json (removed, or written by nothing): the journal alone still tells most of it.
  const { records } = readJournal(journal);
  const s = rebuildSession(records);
  const updated = records.at(-1)?.ts ?? statSync(journal).mtime.toISOString();
  return {
    id,
    agent: s.agent ?? '',
    task: s.firstTask ?? '',
    status: s.lastResult?.subtype ?? 'interrupted',
    cost_usd: s.costUsd,
    created: s.created ?? records[0]?.ts ?? updated,
    updated,
    cwd: s.cwd ?? '',
    model: s.model ?? '',
  };
}

export function readMeta(file: string): SessionMeta | undefined {
  try {
    const meta = JSON.parse(readFileSync(file, 'utf8')) as SessionMeta;
    return meta && typeof meta.id === 'string' && typeof meta.updated === 'string' ? meta : undefined;
  } catch {
    return undefined;
  }
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
