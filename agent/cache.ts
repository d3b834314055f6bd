/**
 * Prompt-cache breakpoints: one on the last tool, one on the last system block, and a moving one on the last
 * block of the newest message, so every request is a cache-hit prefix of the next. The history itself never
 * carries cache_control: breakpoints are put on a copy at request time, so old moving ones cannot pile up.
 */
import type { CacheControl, ContentBlock, Message, ModelRequest } from './models/types.js';

/** The API's limit. */
export const MAX_CACHE_BREAKPOINTS = 4;
/** The API looks back this many blocks from a breakpoint for an earlier cache write. */
export const CACHE_LOOKBACK_BLOCKS = 20;

const EPHEMERAL: CacheControl = { type: 'ephemeral' };

/** The marked copy of each tool or system block, made once: the same object every request (request-body.ts caches its JSON). */
const markedCopies = new WeakMap<object, object>();
function marked<T extends object>(value: T): T {
  let copy = markedCopies.get(value) as T | undefined;
  if (!copy) {
    copy = { ...value, cache_control: EPHEMERAL };
    markedCopies.set(value, copy);
  }
  return copy;
}

export function withCacheBreakpoints(request: ModelRequest): ModelRequest {
  let budget = MAX_CACHE_BREAKPOINTS;
  const tools = request.tools.map((t, i) => (i === request.tools.length - 1 && budget-- > 0 ? marked(t) : t));
  const system = request.system.map((b, i) => (i === request.system.length - 1 && b.text !== '' && budget-- > 0 ? marked(b) : b));
  const messages = request.messages.slice();
  const last = messages.length - 1;
  if (last >= 0 && budget > 0 && markLastBlock(messages, last)) budget--;
  // A turn that added CACHE_LOOKBACK_BLOCKS or more blocks would hide the previous write from the lookback:
  // a second moving breakpoint on the message before keeps the chain unbroken.
  if (last >= 1 && budget > 0 && blockCount(messages[last]) + blockCount(messages[last - 1]) >= CACHE_LOOKBACK_BLOCKS) {
    markLastBlock(messages, last - 1);
  }
  return { ...request, tools, system, messages };
}

function blockCount(m: Message): number {
  return typeof m.content === 'string' ? 1 : m.content.length;
}

/** Marks the last block that may carry cache_control (not thinking, not empty text); false when none may. */
function markLastBlock(messages: Message[], index: number): boolean {
  const m = messages[index];
  const blocks: ContentBlock[] = typeof m.content === 'string' ? [{ type: 'text', text: m.content }] : m.content;
  for (let i = blocks.length - 1; i >= 0; i--) {
    const b = blocks[i];
    if (b.type === 'thinking' || b.type === 'redacted_thinking' || (b.type === 'text' && b.text === '')) continue;
    const copy = blocks.slice();
    copy[i] = { ...b, cache_control: EPHEMERAL } as ContentBlock;
    messages[index] = { ...m, content: copy };
    return true;
  }
  return false;
}
