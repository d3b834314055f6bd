/**
 * The worker pool: `--workers` runs at once, the rest wait in one queue per key, served round-robin by key so that
 * one caller's burst cannot starve the others. Bounded: a key has at most `maxQueuedPerKey` tasks waiting and the
 * server `maxQueued`; a new task past either is refused before it is created (HTTP 429, see admission.ts).
 * A key also runs at most `maxRunningPerKey` at once (its other tasks wait even when a worker is free).
 */

export interface SchedulerLimits {
  workers: number;
  maxRunningPerKey: number;
  maxQueuedPerKey: number;
  maxQueued: number;
}

export const DEFAULT_MAX_QUEUED_PER_KEY = 20;
export const DEFAULT_MAX_QUEUED = 200;

interface Waiter {
  key: string;
  grant: (release: () => void) => void;
}

/** A place held for a task between the request's check and the executor queueing it. */
export interface Reservation {
  readonly key: string;
  /** The place's row on PostgreSQL (dx_admissions), which the task's own row replaces (service/pg/tasks.ts). */
  readonly placeId?: string;
  /** Gives the place back (the request ended without a task); a no-op once the task is queued. */
  release(): void;
}

export class SchedulerRefusal extends Error {
  constructor(
    message: string,
    /** 429 for a limit, 503 while the server drains. */
    readonly status: 429 | 503 = 429,
  ) {
    super(message);
    this.name = 'SchedulerRefusal';
  }
}

export class Scheduler {
  private readonly waiting = new Map<string, Waiter[]>();
  /** Keys with waiters, in round-robin order; `turn` is the index of the key served next. */
  private order: string[] = [];
  private turn = 0;
  private readonly runningByKey = new Map<string, number>();
  private running = 0;
  private readonly reserved = new Map<string, Set<object>>();
  private paused = false;

  constructor(readonly limits: SchedulerLimits) {}

  /** Tasks waiting (SUBMITTED) for a key, or for all keys; places reserved by requests count too. */
  queued(key?: string): number {
    if (key !== undefined) return (this.waiting.get(key)?.length ?? 0) + (this.reserved.get(key)?.size ?? 0);
    let n = 0;
    for (const w of this.waiting.values()) n += w.length;
    for (const r of this.reserved.values()) n += r.size;
    return n;
  }

  runningCount(key?: string): number {
    return key === undefined ? this.running : (this.runningByKey.get(key) ?? 0);
  }

  /**
   * Holds a place in the queue for a new task of `key`, or throws SchedulerRefusal naming the limit. Called when the
   * request arrives, so that the limit holds even when many requests are in flight at once.
   */
  reserve(key: string): Reservation {
    if (this.paused) throw new SchedulerRefusal('the server is shutting down and takes no new tasks; retry on another instance or after the restart', 503);
    const mine = this.queued(key);
    if (mine >= this.limits.maxQueuedPerKey) {
      throw new SchedulerRefusal(`this key already has ${mine} tasks waiting for a worker (at most ${this.limits.maxQueuedPerKey}, --max-queued-per-key); retry when one has started`);
    }
    const all = this.queued();
    if (all >= this.limits.maxQueued) throw new SchedulerRefusal(`the server's queue is full (${all} tasks waiting, at most ${this.limits.maxQueued}, --max-queued); retry later`);
    const token = {};
    let set = this.reserved.get(key);
    if (!set) this.reserved.set(key, (set = new Set()));
    set.add(token);
    return {
      key,
      release: () => {
        const s = this.reserved.get(key);
        if (!s?.delete(token)) return;
        if (s.size === 0) this.reserved.delete(key);
      },
    };
  }

  /**
   * Waits for a worker for a task of `key`; resolves with the function that frees it. The reservation, if any, is
   * turned into the waiting place. Rejects with the signal's reason if it aborts first.
   */
  acquire(key: string, signal?: AbortSignal, reservation?: Reservation): Promise<() => void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reservation?.release();
        reject(signal.reason);
        return;
      }
      const waiter: Waiter = {
        key,
        grant: (release) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(release);
        },
      };
      const onAbort = () => {
        const list = this.waiting.get(key);
        const i = list?.indexOf(waiter) ?? -1;
        if (i >= 0) {
          list!.splice(i, 1);
          if (list!.length === 0) this.dropKey(key);
        }
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      let list = this.waiting.get(key);
      if (!list) {
        this.waiting.set(key, (list = []));
        this.order.push(key);
      }
      list.push(waiter);
      reservation?.release();
      this.dispatch();
    });
  }

  /** Starts no more waiting tasks (drain); waiting ones stay queued. New reservations are refused. */
  pause(): void {
    this.paused = true;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  private dispatch(): void {
    while (!this.paused && this.running < this.limits.workers && this.order.length > 0) {
      let picked = -1;
      for (let n = 0; n < this.order.length; n++) {
        const i = (this.turn + n) % this.order.length;
        if ((this.runningByKey.get(this.order[i]!) ?? 0) < this.limits.maxRunningPerKey) {
          picked = i;
          break;
        }
      }
      if (picked < 0) return;
      const key = this.order[picked]!;
      const list = this.waiting.get(key)!;
      const waiter = list.shift()!;
      // The next turn goes to the key after this one (this key, if it stays, waits its turn again).
      if (list.length === 0) {
        this.dropKey(key);
        this.turn = this.order.length === 0 ? 0 : picked % this.order.length;
      } else this.turn = (picked + 1) % this.order.length;
      this.running++;
      this.runningByKey.set(key, (this.runningByKey.get(key) ?? 0) + 1);
      let released = false;
      waiter.grant(() => {
        if (released) return;
        released = true;
        this.running--;
        const left = (this.runningByKey.get(key) ?? 1) - 1;
        if (left === 0) this.runningByKey.delete(key);
        else this.runningByKey.set(key, left);
        this.dispatch();
      });
    }
  }

  private dropKey(key: string): void {
    this.waiting.delete(key);
    const i = this.order.indexOf(key);
    if (i < 0) return;
    this.order.splice(i, 1);
    if (i < this.turn) this.turn--;
    if (this.turn >= this.order.length) this.turn = 0;
  }
}
