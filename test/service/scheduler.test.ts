/** The worker pool: round-robin across keys, the per-key running cap, the queue bounds at their edges, drain. */
import { describe, expect, test } from 'vitest';
import { Scheduler, SchedulerRefusal } from '../../service/scheduler.js';

const limits = (over: Partial<Scheduler['limits']> = {}) => ({ workers: 1, maxRunningPerKey: 1, maxQueuedPerKey: 100, maxQueued: 1000, ...over });
const tick = () => new Promise((r) => setImmediate(r));

describe('Scheduler', () => {
  test('serves keys in turn: a burst of one key does not make a later key wait behind all of it', async () => {
    const s = new Scheduler(limits());
    const order: string[] = [];
    const releases: (() => void)[] = [];
    const take = (key: string, n: number) => s.acquire(key).then((release) => {
      order.push(`${key}${n}`);
      releases.push(release);
    });
    const all = [take('a', 1), take('a', 2), take('a', 3), take('a', 4), take('b', 1), take('b', 2), take('c', 1)];
    await tick();
    expect(order).toEqual(['a1']);
    for (let i = 0; i < 6; i++) {
      releases.shift()!();
      await tick();
    }
    await Promise.all(all);
    expect(order).toEqual(['a1', 'a2', 'b1', 'c1', 'a3', 'b2', 'a4']);
  });

  test('a key runs at most maxRunningPerKey at once, while another key uses the free worker', async () => {
    const s = new Scheduler(limits({ workers: 3, maxRunningPerKey: 2 }));
    const started: string[] = [];
    for (const k of ['a', 'a', 'a', 'b']) void s.acquire(k).then(() => started.push(k));
    await tick();
    expect(started).toEqual(['a', 'a', 'b']);
    expect(s.runningCount('a')).toBe(2);
    expect(s.queued('a')).toBe(1);
  });

  test('maxQueuedPerKey: the limit-th waiting task is accepted, one more is refused; another key is not affected', () => {
    const s = new Scheduler(limits({ workers: 1, maxQueuedPerKey: 2 }));
    const r1 = s.reserve('a');
    s.reserve('a');
    expect(() => s.reserve('a')).toThrow(SchedulerRefusal);
    expect(() => s.reserve('a')).toThrow(/2 tasks waiting .*at most 2, --max-queued-per-key/);
    expect(() => s.reserve('b')).not.toThrow();
    r1.release();
    r1.release(); // twice is once
    expect(() => s.reserve('a')).not.toThrow();
    expect(() => s.reserve('a')).toThrow(/--max-queued-per-key/);
  });

  test('maxQueued bounds all keys together; a reservation turns into the waiting place when the task queues', async () => {
    const s = new Scheduler(limits({ workers: 1, maxQueued: 2 }));
    void s.acquire('x'); // runs: not waiting
    await tick();
    const ra = s.reserve('a');
    s.reserve('b');
    expect(() => s.reserve('c')).toThrow(/queue is full .*at most 2, --max-queued/);
    void s.acquire('a', undefined, ra);
    expect(s.queued()).toBe(2);
    expect(s.queued('a')).toBe(1);
    ra.release(); // the request ends after its task queued: nothing changes
    expect(s.queued()).toBe(2);
  });

  test('a waiting task whose signal aborts leaves the queue; paused, nothing starts and reservations are 503', async () => {
    const s = new Scheduler(limits());
    const release = await s.acquire('a');
    const abort = new AbortController();
    const waiting = s.acquire('b', abort.signal);
    expect(s.queued('b')).toBe(1);
    abort.abort(new Error('gone'));
    await expect(waiting).rejects.toThrow('gone');
    expect(s.queued()).toBe(0);
    let started = false;
    void s.acquire('c').then(() => (started = true));
    s.pause();
    release();
    await tick();
    expect(started).toBe(false);
    let refusal: unknown;
    try {
      s.reserve('d');
    } catch (err) {
      refusal = err;
    }
    expect(refusal).toBeInstanceOf(SchedulerRefusal);
    expect((refusal as SchedulerRefusal).status).toBe(503);
  });
});
