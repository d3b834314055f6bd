/**
 * Runtime retries around any provider: the SDK retries HTTP errors before the 200, but not an `event: error`
 * inside a stream nor a stream that stalls after its headers. Those two are retried here, with backoff, and a
 * retried call is a whole new request: no tool runs before a complete response, so none runs twice.
 */
import type { AssistantMessage, ModelProvider, ModelRequest, ModelStreamEvent } from './types.js';
import { ModelError } from './types.js';

/** No bytes from the API for this long aborts the attempt as stalled. */
export const DEFAULT_IDLE_TIMEOUT_MS = 60_000;
/** Runtime retries of a failed or stalled stream (on top of the SDK's HTTP retries). */
export const DEFAULT_STREAM_RETRIES = 3;
export const DEFAULT_RETRY_BASE_MS = 500;
export const MAX_RETRY_DELAY_MS = 8_000;

export interface RetryInfo {
  /** 1 for the first retry. */
  attempt: number;
  kind: 'stream_error' | 'stalled' | 'http';
  message: string;
  delayMs?: number;
  status?: number;
}

export interface ResilientCallOptions {
  signal: AbortSignal;
  idleTimeoutMs?: number;
  streamRetries?: number;
  retryBaseMs?: number;
  onEvent?: (event: ModelStreamEvent) => void;
  onRetry?: (info: RetryInfo) => void;
}

export async function callModel(provider: ModelProvider, request: ModelRequest, options: ResilientCallOptions): Promise<AssistantMessage> {
  const idleMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  const maxRetries = options.streamRetries ?? DEFAULT_STREAM_RETRIES;
  const baseMs = options.retryBaseMs ?? DEFAULT_RETRY_BASE_MS;
  let httpRetries = 0;
  for (let attempt = 0; ; attempt++) {
    const attemptAbort = new AbortController();
    const forwardAbort = () => attemptAbort.abort(options.signal.reason);
    options.signal.addEventListener('abort', forwardAbort, { once: true });
    let stalled = false;
    const watchdog = setTimeout(() => {
      stalled = true;
      attemptAbort.abort(new Error('stalled'));
    }, idleMs);
    const activity = () => watchdog.refresh();
    try {
      if (options.signal.aborted) throw new ModelError('aborted', 'the run was aborted');
      return await provider.createMessage(request, {
        signal: attemptAbort.signal,
        onActivity: activity,
        onEvent: (event) => {
          activity();
          if (event.type === 'http_retry') {
            options.onRetry?.({
              attempt: ++httpRetries,
              kind: 'http',
              status: event.status,
              delayMs: event.delayMs,
              message: `the API answered ${event.status}; the SDK retries`,
            });
          }
          options.onEvent?.(event);
        },
      });
    } catch (caught) {
      let err = caught instanceof ModelError ? caught : new ModelError('other', String((caught as Error)?.message ?? caught), undefined, { cause: caught });
      if (options.signal.aborted) throw new ModelError('aborted', 'the run was aborted', undefined, { cause: caught });
      if (stalled) err = new ModelError('stalled', `no data from the API for ${idleMs / 1000} s`, undefined, { cause: caught });
      if (!err.retryable || attempt >= maxRetries) throw err;
      const delayMs = Math.min(baseMs * 2 ** attempt, MAX_RETRY_DELAY_MS) * (1 - Math.random() * 0.25);
      options.onRetry?.({ attempt: attempt + 1, kind: err.kind as 'stream_error' | 'stalled', message: err.message, delayMs });
      await sleep(delayMs, options.signal);
    } finally {
      clearTimeout(watchdog);
      options.signal.removeEventListener('abort', forwardAbort);
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new ModelError('aborted', 'the run was aborted'));
    const onAbort = () => {
      clearTimeout(timer);
      reject(new ModelError('aborted', 'the run was aborted'));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
