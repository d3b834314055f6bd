/**
 * Near the context window, old tool results are replaced by a short placeholder, keeping the latest few. The
 * history keeps its shape (every tool_use still has its tool_result), so the API accepts it; the cache is
 * invalidated from the first cleared block, which is why clearing waits until the window is nearly full.
 */
import type { Message, ToolResultBlock } from '../models/types.js';

/** Clear when the context would pass this share of the window. */
export const DEFAULT_CLEAR_AT_FRACTION = 0.8;
/** Tool results left untouched, newest first. */
export const DEFAULT_KEEP_TOOL_RESULTS = 3;

export const CLEARED_PLACEHOLDER = '[Old tool result cleared to save context. Run the tool again if you need it.]';

export interface ClearOptions {
  contextWindow: number;
  clearAtFraction?: number;
  keep?: number;
}

/** A rough count for content not yet seen by the API: 4 characters a token, payload only (no JSON framing). */
export function estimateTokens(messages: Message[]): number {
  let chars = 0;
  for (const m of messages) {
    if (typeof m.content === 'string') {
      chars += m.content.length;
      continue;
    }
    for (const b of m.content) {
      if (b.type === 'text') chars += b.text.length;
      else if (b.type === 'tool_result') chars += typeof b.content === 'string' ? b.content.length : b.content.reduce((n, t) => n + t.text.length, 0);
      else if (b.type === 'tool_use') chars += JSON.stringify(b.input ?? {}).length;
      else if (b.type === 'thinking') chars += b.thinking.length;
    }
  }
  return Math.ceil(chars / 4);
}

export function clearThreshold(options: ClearOptions): number {
  return Math.floor(options.contextWindow * (options.clearAtFraction ?? DEFAULT_CLEAR_AT_FRACTION));
}

/**
 * `contextTokens` is what the next request will hold (the last response's total plus what was appended since).
 * Returns how many results were cleared; mutates `messages`.
 */
export function clearOldToolResults(messages: Message[], contextTokens: number, options: ClearOptions): number {
  if (contextTokens <= clearThreshold(options)) return 0;
  const keep = options.keep ?? DEFAULT_KEEP_TOOL_RESULTS;
  const results: { message: number; block: number }[] = [];
  messages.forEach((m, mi) => {
    if (m.role !== 'user' || typeof m.content === 'string') return;
    m.content.forEach((b, bi) => b.type === 'tool_result' && results.push({ message: mi, block: bi }));
  });
  let cleared = 0;
  for (const { message, block } of results.slice(0, Math.max(0, results.length - keep))) {
    const content = messages[message].content as ToolResultBlock[];
    const old = content[block];
    if (old.content === CLEARED_PLACEHOLDER) continue;
    const copy = content.slice();
    copy[block] = { type: 'tool_result', tool_use_id: old.tool_use_id, content: CLEARED_PLACEHOLDER, ...(old.is_error ? { is_error: true } : {}) };
    messages[message] = { ...messages[message], content: copy };
    cleared++;
  }
  return cleared;
}
