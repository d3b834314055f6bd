/**
 * A task's events across processes: the worker running it appends each event as a row of dx_task_events (numbered
 * per task) and signals `NOTIFY dx_task_events, '<task id>'`; any API server follows the rows from a sequence number
 * on, woken by the notification. The rows are the source of truth: a notification lost in a reconnect only delays a
 * follower until its next poll. The statements run for every event are named (prepared once per connection: about
 * half the server's CPU of an unnamed one).
 */
import { Message, Task, TaskArtifactUpdateEvent, TaskStatusUpdateEvent } from '@a2a-js/sdk';
import type { AgentExecutionEvent } from '@a2a-js/sdk/server';
import pg from 'pg';

export const EVENTS_CHANNEL = 'dx_task_events';
/** How often a follower reads the table even without a notification. */
export const FOLLOW_POLL_MS = 2_000;

type Codec = { toJSON(v: unknown): unknown; fromJSON(v: unknown): unknown };
const CODECS: Record<AgentExecutionEvent['kind'], Codec> = {
  task: Task as Codec,
  statusUpdate: TaskStatusUpdateEvent as Codec,
  artifactUpdate: TaskArtifactUpdateEvent as Codec,
  message: Message as Codec,
};

export function encodeEvent(event: AgentExecutionEvent): { kind: string; event: unknown } {
  return { kind: event.kind, event: CODECS[event.kind].toJSON(event.data) };
}

export function decodeEvent(kind: string, json: unknown): AgentExecutionEvent {
  const codec = CODECS[kind as AgentExecutionEvent['kind']];
  if (!codec) throw new Error(`unknown event kind '${kind}' in dx_task_events`);
  return { kind, data: codec.fromJSON(json) } as AgentExecutionEvent;
}

export interface StoredEvent {
  seq: number;
  event: AgentExecutionEvent;
}

export class TaskEventLog {
  constructor(private readonly pool: pg.Pool) {}

  /** Appends the task's next event and wakes its followers; resolves with its sequence number. */
  append(taskId: string, event: AgentExecutionEvent): Promise<number> {
    return this.appendAll(taskId, [event]);
  }

  /** Appends the task's next events, in order, in one statement with one notification; resolves with the last one's sequence number. */
  async appendAll(taskId: string, events: AgentExecutionEvent[]): Promise<number> {
    const encoded = events.map(encodeEvent);
    const { rows } = await this.pool.query<{ seq: number }>({
      name: 'dx-append-events',
      text: `WITH next AS (SELECT coalesce(max(seq), 0) AS seq FROM dx_task_events WHERE task_id = $1),
            ins AS (INSERT INTO dx_task_events (task_id, seq, kind, event)
                    SELECT $1, next.seq + e.n, e.kind, e.event::jsonb FROM next, unnest($2::text[], $3::text[]) WITH ORDINALITY AS e(kind, event, n)
                    RETURNING seq)
       SELECT (SELECT max(seq) FROM ins) AS seq, pg_notify('${EVENTS_CHANNEL}', $1)`,
      values: [taskId, encoded.map((e) => e.kind), encoded.map((e) => JSON.stringify(e.event))],
    });
    return rows[0]!.seq;
  }

  /** Whether the task's final status (completed, failed, cancelled) is among its events. */
  async ended(taskId: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `SELECT 1 FROM dx_task_events WHERE task_id = $1 AND kind = 'statusUpdate'
         AND event->'status'->>'state' IN ('TASK_STATE_COMPLETED', 'TASK_STATE_FAILED', 'TASK_STATE_CANCELED', 'TASK_STATE_REJECTED') LIMIT 1`,
      [taskId],
    );
    return (rowCount ?? 0) > 0;
  }

  async read(taskId: string, afterSeq: number, limit = 500): Promise<StoredEvent[]> {
    const { rows } = await this.pool.query<{ seq: number; kind: string; event: unknown }>({
      name: 'dx-read-events',
      text: 'SELECT seq, kind, event FROM dx_task_events WHERE task_id = $1 AND seq > $2 ORDER BY seq LIMIT $3',
      values: [taskId, afterSeq, limit],
    });
    return rows.map((r) => ({ seq: r.seq, event: decodeEvent(r.kind, r.event) }));
  }
}

/**
 * One LISTEN connection per process for every channel it waits on; reconnects with backoff when the database goes
 * away, and then wakes every waiter (they re-read what they missed).
 */
export class Notifications {
  private client: pg.Client | undefined;
  private readonly waiters = new Map<string, Set<(payload: string) => void>>();
  private closed = false;
  private connecting: Promise<void> | undefined;

  constructor(
    private readonly url: string,
    private readonly channels: string[],
    private readonly onLog?: (line: Record<string, unknown>) => void,
  ) {}

  async start(): Promise<void> {
    await this.connect();
  }

  private connect(): Promise<void> {
    this.connecting ??= (async () => {
      for (let delay = 250; !this.closed; delay = Math.min(delay * 2, 5_000)) {
        const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: 10_000 });
        try {
          client.on('error', () => this.lost(client));
          client.on('end', () => this.lost(client));
          client.on('notification', (n) => this.deliver(n.channel, n.payload ?? ''));
          await client.connect();
          for (const ch of this.channels) await client.query(`LISTEN ${ch}`);
          this.client = client;
          // Whatever was signalled while we were away is read now.
          for (const ch of this.channels) this.deliver(ch, '*');
          return;
        } catch (err) {
          await client.end().catch(() => {});
          this.onLog?.({ time: new Date().toISOString(), event: 'listen_retry', error: (err as Error).message, in_ms: delay });
          await new Promise((r) => setTimeout(r, delay));
        }
      }
    })().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private lost(client: pg.Client): void {
    if (this.client !== client || this.closed) return;
    this.client = undefined;
    void client.end().catch(() => {});
    void this.connect();
  }

  private deliver(channel: string, payload: string): void {
    for (const w of this.waiters.get(channel) ?? []) w(payload);
  }

  /** Calls `listener` with each payload on `channel` ('*' after a reconnect); returns the unsubscribe. */
  on(channel: string, listener: (payload: string) => void): () => void {
    let set = this.waiters.get(channel);
    if (!set) this.waiters.set(channel, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    const c = this.client;
    this.client = undefined;
    await c?.end().catch(() => {});
  }
}

/**
 * Reads a task's events from `afterSeq` on, in order, calling `onEvent` for each, until `onEvent` returns true (a
 * final event) or the signal aborts. Wakes on the task's notification, or every FOLLOW_POLL_MS.
 */
export async function followTask(
  log: TaskEventLog,
  notifications: Notifications,
  taskId: string,
  afterSeq: number,
  onEvent: (e: StoredEvent) => boolean,
  signal?: AbortSignal,
): Promise<number> {
  let wake: (() => void) | undefined;
  const off = notifications.on(EVENTS_CHANNEL, (payload) => {
    if (payload === taskId || payload === '*') wake?.();
  });
  const onAbort = () => wake?.();
  signal?.addEventListener('abort', onAbort);
  let seq = afterSeq;
  try {
    for (;;) {
      if (signal?.aborted) return seq;
      // Armed before reading, so a notification during the read is not lost.
      const woken = new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, FOLLOW_POLL_MS).unref();
      });
      let rows: StoredEvent[] = [];
      try {
        rows = await log.read(taskId, seq);
      } catch {
        // The database is away (a restart): try again at the next wake-up.
      }
      for (const row of rows) {
        seq = row.seq;
        if (onEvent(row)) return seq;
      }
      if (rows.length === 500) continue;
      await woken;
    }
  } finally {
    off();
    signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * A task's events from its first on, in order, until its final or input-required state (STREAM_END_STATES) or the
 * signal: followTask as an async iterable (SubscribeToTask on any API server).
 */
export async function* replayTask(log: TaskEventLog, notifications: Notifications, taskId: string, ends: (event: AgentExecutionEvent) => boolean, signal: AbortSignal): AsyncGenerator<AgentExecutionEvent> {
  const queue: AgentExecutionEvent[] = [];
  let wake: (() => void) | undefined;
  let done = false;
  const following = followTask(log, notifications, taskId, 0, ({ event }) => {
    queue.push(event);
    wake?.();
    return ends(event);
  }, signal).finally(() => {
    done = true;
    wake?.();
  });
  for (;;) {
    const next = queue.shift();
    if (next) {
      yield next;
      continue;
    }
    if (done) break;
    await new Promise<void>((resolve) => (wake = resolve));
  }
  await following;
}
