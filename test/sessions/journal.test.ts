/** The journal's pieces on their own: reading (torn tail, damage, size limit), appending after a crash, rebuilding, listing. */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Workflow } from '../../handoffs/workflow.js';
import { META_REFRESH_MS, SessionJournal } from '../../agent/session/journal.js';
import { listSessions } from '../../agent/session/list.js';
import { DEFAULT_MAX_JOURNAL_BYTES, readJournal } from '../../agent/session/read.js';
import { BLOB_DIR, JOURNAL_INLINE_MAX_CHARS } from '../../agent/session/blobs.js';
import { rebuildSession } from '../../agent/session/rebuild.js';
import { JOURNAL_FILE, META_FILE, SessionError, type JournalRecord, type SessionMeta, type StampedRecord } from '../../agent/session/records.js';
import { planResume, RESUME_NOTE } from '../../agent/session/resume.js';
import { changedFilesInProgress, currentWorkflowSteps, restoreWorkflow } from '../../agent/session/workflow-state.js';
import type { AssistantMessage } from '../../agent/models/types.js';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'de-journal-'));
const stamp = (records: JournalRecord[]): StampedRecord[] => records.map((r, i) => ({ ...r, ts: `2026-01-01T00:00:${String(i).padStart(2, '0')}Z` }) as StampedRecord);
const assistant = (content: AssistantMessage['content'], stop: AssistantMessage['stop_reason'] = 'tool_use'): JournalRecord => ({
  type: 'assistant',
  turn: 1,
  message: { id: 'msg_1', role: 'assistant', model: 'm', content, stop_reason: stop, usage: { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 } },
});
const use = (id: string, name: string, input: unknown) => ({ type: 'tool_use' as const, id, name, input });
const result = (id: string, content: string, isError = false) => ({ type: 'tool_result' as const, tool_use_id: id, content, ...(isError ? { is_error: true } : {}) });
const meta = (id: string, extra: Partial<SessionMeta> = {}): SessionMeta => ({ id, agent: 'a', task: 't', last_task: 't', cwd: '/', model: 'm', status: 'success', cost_usd: 0, created: '', updated: '', ...extra });

describe('readJournal', () => {
  it('ignores a torn last line with a notice naming file and line, and refuses damage before the end', () => {
    const file = path.join(tmp(), JOURNAL_FILE);
    writeFileSync(file, '{"type":"task","text":"a","ts":"x"}\n{"type":"ta');
    const read = readJournal(file);
    expect(read.records).toHaveLength(1);
    expect(read.notices).toEqual([`${file}:2: the last line is incomplete (a write cut short by a crash); it is ignored`]);
    expect(read.completeBytes).toBe(Buffer.byteLength('{"type":"task","text":"a","ts":"x"}\n'));
    writeFileSync(file, '{"type":"task","text":"a","ts":"x"}\n{"type":"ta\n{"type":"task","text":"b","ts":"x"}\n');
    expect(() => readJournal(file)).toThrow(new SessionError(`${file}:2: not a journal record (the journal is damaged)`));
  });

  it('keeps a complete last record that lacks only its newline', () => {
    const file = path.join(tmp(), JOURNAL_FILE);
    writeFileSync(file, '{"type":"task","text":"a","ts":"x"}');
    expect(readJournal(file)).toMatchObject({ records: [{ text: 'a' }], unterminated: true, notices: [] });
  });

  it('reads a journal of exactly maxBytes and refuses one byte more', () => {
    const file = path.join(tmp(), JOURNAL_FILE);
    writeFileSync(file, '{"type":"task","text":"a","ts":"x"}\n');
    const size = readFileSync(file).length;
    expect(readJournal(file, { maxBytes: size }).records).toHaveLength(1);
    expect(() => readJournal(file, { maxBytes: size - 1 })).toThrow(/over the limit/);
    expect(DEFAULT_MAX_JOURNAL_BYTES).toBeGreaterThan(1024 * 1024);
  });
});

describe('SessionJournal', () => {
  it('cuts a torn tail before appending, so the journal reads back whole', async () => {
    const dir = tmp();
    const first = SessionJournal.open({ dir, meta: meta('s1', { status: 'running' }) });
    first.record({ type: 'task', text: 'first' });
    await first.close();
    writeFileSync(path.join(dir, JOURNAL_FILE), readFileSync(path.join(dir, JOURNAL_FILE), 'utf8') + '{"type":"assis');
    const contents = readJournal(path.join(dir, JOURNAL_FILE));
    const again = SessionJournal.open({ dir, meta: meta('s1'), resumeAt: contents });
    again.record({ type: 'task', text: 'second' });
    await again.finish(undefined, 'not_started');
    const back = readJournal(path.join(dir, JOURNAL_FILE));
    expect(back.notices).toEqual([]);
    expect(back.records.map((r) => (r as { text?: string }).text)).toEqual(['first', 'second']);
    expect(JSON.parse(readFileSync(path.join(dir, META_FILE), 'utf8'))).toMatchObject({ status: 'not_started', last_task: 'second' });
  });
});

describe('large contents in the journal', () => {
  it('refreshes the running cost in meta.json at most once per META_REFRESH_MS, and always at the end', async () => {
    const dir = tmp();
    const journal = SessionJournal.open({ dir, meta: meta('cost', { status: 'running' }) });
    const usage = (total: number) => journal.record({ type: 'usage', total_cost_usd: total } as unknown as JournalRecord);
    const onDisk = () => JSON.parse(readFileSync(path.join(dir, 'meta.json'), 'utf8')).cost_usd;
    usage(0.1);
    usage(0.2);
    usage(0.3);
    // Written at open a moment ago: these turns do not rewrite it.
    expect(onDisk()).toBe(0);
    await new Promise((r) => setTimeout(r, META_REFRESH_MS + 50));
    usage(0.4);
    expect(onDisk()).toBe(0.4);
    usage(0.5);
    expect(onDisk()).toBe(0.4);
    await journal.finish({ subtype: 'success', total_cost_usd: 0.6 } as never);
    expect(onDisk()).toBe(0.6);
  });

  it('stores a long string once in blobs/ (tool_use and tool_start share it) and reads the records back whole', async () => {
    const dir = tmp();
    const content = 'RUN echo é\n'.repeat(40_000); // 480,000 characters
    const journal = SessionJournal.open({ dir, meta: meta('big') });
    journal.record(assistant([use('w1', 'Write', { file_path: 'Dockerfile', content })]));
    journal.record({ type: 'tool_start', tool_use_id: 'w1', name: 'Write', input: { file_path: 'Dockerfile', content } });
    journal.record({ type: 'task', text: 'short' });
    await journal.close();
    const blobs = readdirSync(path.join(dir, BLOB_DIR));
    expect(blobs).toHaveLength(1);
    expect(statSync(path.join(dir, BLOB_DIR, blobs[0]!)).size).toBe(Buffer.byteLength(content));
    expect(statSync(path.join(dir, JOURNAL_FILE)).size).toBeLessThan(2_000);
    const back = readJournal(path.join(dir, JOURNAL_FILE)).records;
    expect((back[0] as { message: AssistantMessage }).message.content[0]).toEqual(use('w1', 'Write', { file_path: 'Dockerfile', content }));
    expect((back[1] as { input: unknown }).input).toEqual({ file_path: 'Dockerfile', content });
    expect((back[2] as { text: string }).text).toBe('short');
  });

  it('keeps a string of exactly the inline limit in the line, and moves one character more out', async () => {
    const dir = tmp();
    const journal = SessionJournal.open({ dir, meta: meta('edge') });
    journal.record({ type: 'task', text: 'x'.repeat(JOURNAL_INLINE_MAX_CHARS) });
    await journal.close();
    expect(() => readdirSync(path.join(dir, BLOB_DIR))).toThrow(/ENOENT/);
    const next = SessionJournal.open({ dir: tmp(), meta: meta('edge2') });
    next.record({ type: 'task', text: 'x'.repeat(JOURNAL_INLINE_MAX_CHARS + 1) });
    await next.close();
    expect(readdirSync(path.join(next.dir, BLOB_DIR))).toHaveLength(1);
    expect((readJournal(next.file).records[0] as { text: string }).text).toHaveLength(JOURNAL_INLINE_MAX_CHARS + 1);
  });

  it('refuses a changed or missing blob, naming the journal line and the blob', async () => {
    const dir = tmp();
    const journal = SessionJournal.open({ dir, meta: meta('bad'), inlineMaxChars: 10 });
    journal.record({ type: 'task', text: 'a long enough task text' });
    await journal.close();
    const [blob] = readdirSync(path.join(dir, BLOB_DIR));
    const blobFile = path.join(dir, BLOB_DIR, blob!);
    writeFileSync(blobFile, 'a long enough task texT');
    expect(() => readJournal(journal.file)).toThrow(new SessionError(`${journal.file}:1: the blob ${blobFile} does not match its sha256 (it was changed or damaged)`));
    writeFileSync(journal.file, '{"type":"task","text":{"$docker-expert-blob":"sha256:../../etc/passwd","chars":3},"ts":"x"}\n');
    expect(() => readJournal(journal.file)).toThrow(/:1: 'sha256:..\/..\/etc\/passwd' is not a blob reference/);
  });
});

describe('rebuild and resume', () => {
  const cut = stamp([
    { type: 'session', id: 's', agent: 'docker-expert', cwd: '/p', created: 'c' },
    { type: 'task', text: 'do it' },
    assistant([use('t1', 'Bash', { command: 'a' }), use('t2', 'Bash', { command: 'b' }), use('t3', 'Bash', { command: 'c' })]),
    { type: 'tool_start', tool_use_id: 't1', name: 'Bash', input: {} },
    { type: 'tool_end', tool_use_id: 't1', name: 'Bash', duration_ms: 1, is_error: false, truncated: false },
    { type: 'tool_start', tool_use_id: 't2', name: 'Bash', input: {} },
  ]);

  it('reports each unanswered call by how far it got, and runs none of them', () => {
    const plan = planResume('s', rebuildSession(cut));
    const results = (plan.messages.at(-1)!.content as { content: string; is_error: boolean }[]);
    expect(results.every((r) => r.is_error)).toBe(true);
    expect(results[0].content).toMatch(/ran to the end \(it succeeded\).*output was not saved/);
    expect(results[1].content).toMatch(/while this Bash call was running\. It may or may not have taken effect/);
    expect(results[2].content).toMatch(/^Not run: the session stopped before this Bash call started/);
    expect(plan.task).toBe('do it');
    expect(plan.records.map((r) => r.type)).toEqual(['user']);
  });

  it('puts a new message after the interrupted results, in the same user turn', () => {
    const plan = planResume('s', rebuildSession(cut), 'next');
    const last = plan.messages.at(-1)!.content as { type: string }[];
    expect(last.map((b) => b.type)).toEqual(['tool_result', 'tool_result', 'tool_result', 'text']);
    expect(plan.taskStart).toBe(2);
    const interrupted = (id: string) => ({ type: 'tool_result', tool_use_id: id, is_error: true, content: expect.stringMatching(/^(Interrupted|Not run): .*this Bash call /) });
    const expected = [
      { role: 'user', content: [{ type: 'text', text: 'do it' }] },
      { role: 'assistant', content: [use('t1', 'Bash', { command: 'a' }), use('t2', 'Bash', { command: 'b' }), use('t3', 'Bash', { command: 'c' })] },
      { role: 'user', content: [interrupted('t1'), interrupted('t2'), interrupted('t3'), { type: 'text', text: 'next' }] },
    ];
    expect(plan.messages).toEqual(expected);
    expect(plan.records).toEqual([{ type: 'user', message: { role: 'user', content: expected[2].content.slice(0, 3) } }, { type: 'task', text: 'next' }]);
    // Journaling the plan's records and rebuilding gives the same conversation.
    expect(rebuildSession([...cut, ...stamp(plan.records)]).messages).toEqual(expected);
  });

  it('refuses to resume a finished task without a new message; after a bare end_turn it adds a note', () => {
    const ended = stamp([{ type: 'task', text: 'x' }, assistant([{ type: 'text', text: 'done' }], 'end_turn')]);
    expect(planResume('s', rebuildSession(ended)).messages.at(-1)).toEqual({ role: 'user', content: [{ type: 'text', text: RESUME_NOTE }] });
    const success = stamp([...ended, { type: 'result', result: { subtype: 'success', total_cost_usd: 0.5 } as never }]);
    expect(() => planResume('s', rebuildSession(success))).toThrow(/already finished/);
    expect(rebuildSession(success).costUsd).toBe(0.5);
  });

  it('restores the steps recorded since the last accepted Handoff, skipping refused calls', () => {
    const messages = rebuildSession(
      stamp([
        { type: 'task', text: 'one' },
        assistant([use('a', 'WorkflowStep', { step: 'analyze', status: 'done', summary: 'old' }), use('h', 'Handoff', { to: 'terminal', summary: 's' })]),
        { type: 'user', message: { role: 'user', content: [result('a', 'ok'), result('h', 'accepted')] } },
        { type: 'task', text: 'two' },
        assistant([use('b', 'WorkflowStep', { step: 'design', status: 'done', summary: 'refused' }), use('c', 'WorkflowStep', { step: 'analyze', status: 'done', summary: 'new' })]),
        { type: 'user', message: { role: 'user', content: [result('b', 'out of order', true), result('c', 'ok')] } },
      ]),
    ).messages;
    const workflow = new Workflow(['terminal']);
    expect(restoreWorkflow(workflow, messages)).toBe(1);
    expect(workflow.steps).toEqual([{ step: 'analyze', status: 'done', summary: 'new' }]);
    expect(currentWorkflowSteps(messages.slice(0, 3))).toMatchObject({ steps: [], handedOff: true, previous: [{ summary: 'old' }] });
  });

  it('remembers the files the workflow in progress changed before the crash (for the handoff artifacts)', () => {
    const messages = rebuildSession(
      stamp([
        { type: 'task', text: 'one' },
        assistant([use('w0', 'Write', { file_path: 'old.txt', content: 'x' }), use('h', 'Handoff', { to: 'terminal', summary: 's' })]),
        { type: 'user', message: { role: 'user', content: [result('w0', 'ok'), result('h', 'accepted')] } },
        { type: 'task', text: 'two' },
        assistant([use('w1', 'Write', { file_path: 'Dockerfile', content: 'FROM x' }), use('w2', 'Edit', { file_path: '/p/denied.txt', old_string: 'a', new_string: 'b' }), use('r', 'Read', { file_path: 'a.txt' })]),
        { type: 'user', message: { role: 'user', content: [result('w1', 'ok'), result('w2', 'denied', true), result('r', 'ok')] } },
      ]),
    ).messages;
    expect(changedFilesInProgress(messages, '/p')).toEqual(['/p/Dockerfile']);
  });
});

describe('listSessions', () => {
  it('lists newest first, marks a running session whose process is gone as interrupted, and derives a lost meta.json', () => {
    const dir = tmp();
    const write = (id: string, m?: SessionMeta, journal = '{"type":"session","id":"x","agent":"j","cwd":"/","created":"c","ts":"2026-01-03T00:00:00Z"}\n{"type":"task","text":"from journal","ts":"2026-01-03T00:00:00Z"}\n') => {
      mkdirSync(path.join(dir, id));
      writeFileSync(path.join(dir, id, JOURNAL_FILE), journal);
      if (m) writeFileSync(path.join(dir, id, META_FILE), JSON.stringify(m));
    };
    write('old', meta('old', { updated: '2026-01-01T00:00:00Z' }));
    write('crashed', meta('crashed', { updated: '2026-01-02T00:00:00Z', status: 'running', pid: 2 ** 22 + 12345 }));
    write('nometa');
    mkdirSync(path.join(dir, 'not-a-session'));
    const { sessions } = listSessions(dir);
    expect(sessions.map((s) => [s.id, s.status, s.task])).toEqual([
      ['nometa', 'interrupted', 'from journal'],
      ['crashed', 'interrupted', 't'],
      ['old', 'success', 't'],
    ]);
    expect(listSessions(path.join(dir, 'missing')).sessions).toEqual([]);
  });
});
