/** rebuildSession / appendUserText / interruptedResults on their own: every record kind, costs over several runs, exact texts. */
import { describe, expect, it } from 'vitest';
import { appendUserText, interruptedResults, rebuildSession } from '../../agent/session/rebuild.js';
import type { JournalRecord, StampedRecord } from '../../agent/session/records.js';
import type { AssistantMessage, Message } from '../../agent/models/types.js';
import type { ResultObject } from '../../agent/events.js';

const stamp = (records: JournalRecord[]): StampedRecord[] => records.map((r, i) => ({ ...r, ts: `2026-01-01T00:00:${String(i).padStart(2, '0')}Z` }) as StampedRecord);
const usage = { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
const assistant = (content: AssistantMessage['content']): JournalRecord => ({
  type: 'assistant',
  turn: 1,
  message: { id: 'msg_1', role: 'assistant', model: 'm', content, stop_reason: 'tool_use', usage },
});
const use = (id: string, name = 'Bash') => ({ type: 'tool_use' as const, id, name, input: { command: id } });
const init = (model: string, agent = 'docker-expert'): JournalRecord =>
  ({ type: 'init', session_id: 's', agent, model, tools: [], cwd: '/p', permission_mode: 'default', session_dir: '/s' }) as JournalRecord;
const cost = (total: number): JournalRecord => ({ type: 'usage', total_cost_usd: total }) as unknown as JournalRecord;
const result = (subtype: string, total: number): JournalRecord => ({ type: 'result', result: { subtype, total_cost_usd: total } as unknown as ResultObject });
const start = (id: string): JournalRecord => ({ type: 'tool_start', tool_use_id: id, name: 'Bash', input: {} }) as JournalRecord;
const end = (id: string, isError: boolean): JournalRecord => ({ type: 'tool_end', tool_use_id: id, name: 'Bash', duration_ms: 1, is_error: isError, truncated: false }) as JournalRecord;

describe('rebuildSession', () => {
  it('starts empty', () => {
    expect(rebuildSession([])).toEqual({ messages: [], taskStart: 0, costUsd: 0, runs: 0, unanswered: [] });
  });

  it('takes the session fields, the first and latest task, the model of the latest run and the agent of the first record that names one', () => {
    const s = rebuildSession(
      stamp([
        { type: 'session', id: 'abc', agent: 'lead', cwd: '/p', created: '2026-01-01' },
        { type: 'task', text: 'first' },
        init('opus', 'other'),
        { type: 'task', text: 'second' },
        init('sonnet', 'other'),
      ]),
    );
    expect(s).toMatchObject({ id: 'abc', agent: 'lead', cwd: '/p', created: '2026-01-01', firstTask: 'first', lastTask: 'second', model: 'sonnet', runs: 2 });
    expect(s.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'first' }, { type: 'text', text: 'second' }] }]);
    expect(s.taskStart).toBe(0);
    expect(rebuildSession(stamp([init('haiku', 'from-init')])).agent).toBe('from-init');
  });

  it('sums the cost of every run: the highest total a run reported (usage or result), run by run', () => {
    const s = rebuildSession(stamp([init('m'), cost(0.25), cost(0.5), cost(0.4), init('m'), cost(0.125), result('success', 0.375), init('m'), result('error_during_execution', 0.0625), cost(0.03125)]));
    expect(s.costUsd).toBe(0.5 + 0.375 + 0.0625);
    expect(s.runs).toBe(3);
    expect(rebuildSession(stamp([cost(0.5), result('success', 0.25)])).costUsd).toBe(0.5);
  });

  it('keeps the last result until a later task, and points taskStart at the message holding the latest task', () => {
    const done = stamp([{ type: 'task', text: 'one' }, assistant([{ type: 'text', text: 'ok' }]), result('success', 0)]);
    expect(rebuildSession(done).lastResult).toEqual({ subtype: 'success', total_cost_usd: 0 });
    const next = rebuildSession([...done, ...stamp([{ type: 'task', text: 'two' }])]);
    expect(next.lastResult).toBeUndefined();
    expect(next.taskStart).toBe(2);
    expect(next.messages[2]).toEqual({ role: 'user', content: [{ type: 'text', text: 'two' }] });
  });

  it('drops cache breakpoints from journaled messages and keeps everything else as it was', () => {
    const cached = { type: 'text' as const, text: 'a', cache_control: { type: 'ephemeral' as const } };
    const s = rebuildSession(
      stamp([
        assistant([cached, { type: 'text', text: 'b' }]),
        { type: 'user', message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't', content: 'r', cache_control: { type: 'ephemeral' } }] } } as JournalRecord,
        { type: 'user', message: { role: 'user', content: 'plain text' } } as JournalRecord,
        assistant([{ type: 'text', text: 'c', cache_control: undefined }]),
      ]),
    );
    expect(s.messages).toEqual([
      { role: 'assistant', content: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't', content: 'r' }] },
      { role: 'user', content: 'plain text' },
      { role: 'assistant', content: [{ type: 'text', text: 'c' }] },
    ]);
    expect(Object.keys((s.messages[3].content as object[])[0])).toEqual(['type', 'text']);
    expect(Object.keys((s.messages[0].content as object[])[0])).toEqual(['type', 'text']);
    expect(cached.cache_control).toEqual({ type: 'ephemeral' });
  });

  it('reports the calls of a last turn cut short by how far each got, a failed one as failed', () => {
    const s = rebuildSession(stamp([assistant([use('ok'), use('bad'), use('run'), use('wait')]), start('ok'), end('ok', false), start('bad'), end('bad', true), start('run')]));
    expect(s.unanswered.map(({ call, progress, isError }) => [call.id, progress, isError])).toEqual([
      ['ok', 'finished', false],
      ['bad', 'finished', true],
      ['run', 'running', false],
      ['wait', 'not_started', false],
    ]);
  });

  it('forgets the progress of an earlier turn, and has nothing unanswered once the results are in or the last message is not a call', () => {
    const earlier = stamp([assistant([use('t1')]), start('t1'), end('t1', true), assistant([use('t1')])]);
    expect(rebuildSession(earlier).unanswered.map((u) => [u.progress, u.isError])).toEqual([['not_started', false]]);
    const answered = stamp([assistant([use('t1')]), start('t1'), end('t1', false), { type: 'user', message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: 'x' }] } } as JournalRecord]);
    expect(rebuildSession(answered).unanswered).toEqual([]);
    expect(rebuildSession(stamp([assistant([{ type: 'text', text: 'just text' }])])).unanswered).toEqual([]);
    expect(rebuildSession(stamp([assistant([use('t1')]), { type: 'task', text: 'next' }])).unanswered).toEqual([]);
  });
});

describe('appendUserText', () => {
  it('adds a user message after an assistant one, and joins a user message (its string content becomes a text block)', () => {
    const messages: Message[] = [];
    expect(appendUserText(messages, 'a')).toBe(0);
    messages.push({ role: 'assistant', content: 'hi' });
    expect(appendUserText(messages, 'b')).toBe(2);
    messages.push({ role: 'user', content: 'c' });
    const before = messages[3];
    expect(appendUserText(messages, 'd')).toBe(3);
    expect(messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'a' }] },
      { role: 'assistant', content: 'hi' },
      { role: 'user', content: [{ type: 'text', text: 'b' }] },
      { role: 'user', content: [{ type: 'text', text: 'c' }, { type: 'text', text: 'd' }] },
    ]);
    expect(before).toEqual({ role: 'user', content: 'c' });
  });

  it('does not change the content array of the message it joins', () => {
    const content = [{ type: 'text' as const, text: 'x' }];
    const messages: Message[] = [{ role: 'user', content }];
    appendUserText(messages, 'y');
    expect(content).toEqual([{ type: 'text', text: 'x' }]);
  });
});

describe('interruptedResults', () => {
  it('tells the model exactly what happened to each call, every result an error', () => {
    const call = (id: string, name: string) => ({ type: 'tool_use' as const, id, name, input: {} });
    expect(
      interruptedResults([
        { call: call('a', 'Bash'), progress: 'running', isError: false },
        { call: call('b', 'Write'), progress: 'finished', isError: false },
        { call: call('c', 'Edit'), progress: 'finished', isError: true },
        { call: call('d', 'Read'), progress: 'not_started', isError: false },
      ]),
    ).toEqual({
      role: 'user',
      content: [
        {
          type: 'tool_result',
          tool_use_id: 'a',
          is_error: true,
          content: 'Interrupted: the session stopped (a crash or a kill) while this Bash call was running. It may or may not have taken effect; check the current state before running it again.',
        },
        {
          type: 'tool_result',
          tool_use_id: 'b',
          is_error: true,
          content: 'Interrupted: this Write call ran to the end (it succeeded) just before the session stopped, but its output was not saved. It was not run again; repeat it only if you need its output and it is safe to run twice.',
        },
        {
          type: 'tool_result',
          tool_use_id: 'c',
          is_error: true,
          content: 'Interrupted: this Edit call ran to the end (it failed) just before the session stopped, but its output was not saved. It was not run again; repeat it only if you need its output and it is safe to run twice.',
        },
        { type: 'tool_result', tool_use_id: 'd', is_error: true, content: 'Not run: the session stopped before this Read call started. Send it again if it is still needed.' },
      ],
    });
  });
});
