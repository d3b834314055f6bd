/**
 * Starts a run as part of a session: a new one, or the continuation of a saved one (`resume`). Every event is
 * journaled under `<sessions dir>/<id>/`; a resumed session starts from its rebuilt conversation, its workflow steps
 * restored, and with every tool call that had no journaled result reported to the model as interrupted.
 */
import { randomUUID } from 'node:crypto';
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { findAgent } from '../definition/load.js';
import type { AgentDefinition } from '../definition/types.js';
import { OFFLINE_MODEL, resolveModel } from '../models/aliases.js';
import type { Message, ModelProvider } from '../models/types.js';
import { offlineByDefault, startRun, type StartedRun, type StartOptions } from '../start.js';
import { SessionJournal } from './journal.js';
import { processAlive, readMeta } from './list.js';
import { readJournal } from './read.js';
import { rebuildSession, type RebuiltSession } from './rebuild.js';
import { DEFAULT_SESSIONS_SUBDIR, JOURNAL_FILE, META_FILE, SessionError, checkSessionId, type JournalRecord, type SessionMeta, type StampedRecord } from './records.js';
import { planResume } from './resume.js';

export interface SessionStartOptions extends StartOptions {
  /** Where sessions are kept (`--sessions-dir`); default `<cwd>/.docker-expert/sessions`. */
  sessionsDir?: string;
  /** The id of a saved session to continue; `task` is then the next user message ('' to just finish the interrupted task). */
  resume?: string;
  /** Largest journal read back on resume (default DEFAULT_MAX_JOURNAL_BYTES). */
  maxJournalBytes?: number;
  /** Every journal record as it is written (SessionJournal's onRecord). */
  onRecord?: (record: StampedRecord) => void;
}

export interface StartedSession extends StartedRun {
  /** The session folder: journal.jsonl, meta.json, tool-outputs/. */
  sessionDir: string;
}

export function sessionsDirFor(cwd: string, override?: string): string {
  return path.resolve(cwd, override ?? path.join(...DEFAULT_SESSIONS_SUBDIR));
}

/** Reads a saved session back (for `chat`'s /cost and /steps, and for resuming). */
export function loadSession(sessionsDir: string, id: string, maxJournalBytes?: number): { rebuilt: RebuiltSession; meta?: SessionMeta; notices: string[] } {
  const dir = path.join(sessionsDir, checkSessionId(id));
  const contents = readJournal(path.join(dir, JOURNAL_FILE), { maxBytes: maxJournalBytes });
  return { rebuilt: rebuildSession(contents.records), meta: readMeta(path.join(dir, META_FILE)), notices: contents.notices };
}

export async function startSession(options: SessionStartOptions): Promise<StartedSession> {
  const env = options.env ?? process.env;
  const cwd = realpathSync(path.resolve(options.cwd));
  const sessionsDir = sessionsDirFor(cwd, options.sessionsDir);
  const notice = (m: string) => options.onNotice?.(m);
  const now = new Date().toISOString();

  let id: string;
  let journal: SessionJournal;
  let records: JournalRecord[];
  let task = options.task;
  let messages: Message[] | undefined;
  let taskStart = 0;
  let agent: string | AgentDefinition = options.agent;
  let model = options.model;
  if (options.resume) {
    id = checkSessionId(options.resume);
    const dir = path.join(sessionsDir, id);
    const contents = readJournal(path.join(dir, JOURNAL_FILE), { maxBytes: options.maxJournalBytes });
    contents.notices.forEach(notice);
    const prior = rebuildSession(contents.records);
    const meta = readMeta(path.join(dir, META_FILE));
    if (meta?.status === 'running' && meta.pid && meta.pid !== process.pid && processAlive(meta.pid)) {
      throw new SessionError(`session ${id} is being run by process ${meta.pid}; resume it once that process has ended`);
    }
    const plan = planResume(id, prior, options.task);
    plan.notices.forEach(notice);
    ({ messages, task, taskStart, records } = plan);
    // The session keeps its agent, and an offline session stays offline (its transcript is the offline expert's).
    if (prior.agent) agent = prior.agent;
    if (!model && prior.model === OFFLINE_MODEL) model = OFFLINE_MODEL;
    const definition = await definitionOf(agent, cwd, options.agentsDir);
    journal = SessionJournal.open({
      dir,
      onRecord: options.onRecord,
      resumeAt: contents,
      meta: {
        id,
        agent: definition.name,
        task: meta?.task ?? prior.firstTask ?? task,
        last_task: task,
        cwd,
        model: meta?.model ?? prior.model ?? '',
        status: 'running',
        cost_usd: prior.costUsd,
        created: meta?.created ?? prior.created ?? now,
        updated: now,
        pid: process.pid,
      },
    });
    agent = definition;
  } else {
    id = checkSessionId(options.sessionId ?? randomUUID());
    const definition = await definitionOf(agent, cwd, options.agentsDir);
    const dir = path.join(sessionsDir, id);
    try {
      journal = SessionJournal.open({
        dir,
        onRecord: options.onRecord,
        meta: { id, agent: definition.name, task, last_task: task, cwd, model: '', status: 'running', cost_usd: 0, created: now, updated: now, pid: process.pid },
      });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new SessionError(`session ${id} already exists in ${sessionsDir}: continue it with --resume ${id}`);
      throw err;
    }
    records = [{ type: 'session', id, agent: definition.name, cwd, created: now }, { type: 'task', text: task }];
    agent = definition;
  }
  for (const r of records) journal.record(r);

  let provider = options.provider;
  if (!provider && messages && isOffline(model, agent, env)) {
    if (!model) notice('no ANTHROPIC_API_KEY or ANTHROPIC_AUTH_TOKEN is set: the built-in offline expert runs this task (--model sonnet with a key uses Claude)');
    model = OFFLINE_MODEL;
    const { createOfflineProvider } = await import('../models/offline/provider.js');
    provider = fromTaskStart(createOfflineProvider({ cwd, task, handoffTargets: agent.routing.handsOffTo, generate: options.generatorOptions, verify: options.verify, runId: id }), taskStart);
  }

  let run: StartedRun;
  try {
    run = await startRun({
      ...options,
      agent,
      task,
      cwd,
      model,
      provider,
      sessionId: id,
      sessionDir: journal.dir,
      messages,
      onEvent: (e) => {
        journal.onEvent(e);
        options.onEvent?.(e);
      },
    });
  } catch (err) {
    await journal.finish(undefined, 'not_started');
    throw err;
  }
  const result = run.result.then(async (r) => {
    await journal.finish(r);
    if (journal.error) notice(`session ${id}: the journal could not be written completely: ${journal.error.message}`);
    return r;
  });
  return { ...run, result, sessionDir: journal.dir };
}

async function definitionOf(agent: string | AgentDefinition, cwd: string, agentsDir?: string): Promise<AgentDefinition> {
  return typeof agent === 'string' ? (await findAgent(agent, { cwd, agentsDir })).definition : agent;
}

function isOffline(model: string | undefined, definition: AgentDefinition, env: NodeJS.ProcessEnv): boolean {
  if (model) return resolveModel(model, env).kind === 'offline';
  return offlineByDefault(env) || resolveModel(definition.model, env).kind === 'offline';
}

/**
 * The offline expert replays its script against the transcript of the task it works on; earlier tasks of the same
 * conversation would look like its own past turns, so it sees the messages from the task's start on.
 */
function fromTaskStart(inner: ModelProvider, taskStart: number): ModelProvider {
  if (taskStart === 0) return inner;
  return { ...inner, createMessage: (request, call) => inner.createMessage({ ...request, messages: request.messages.slice(taskStart) }, call) };
}
