/** What the runtime knows about each model: context window and price ($ per million tokens). */

export interface ModelPrice {
  input: number;
  output: number;
  /** 5-minute cache write (1.25x input). */
  cacheWrite: number;
  cacheRead: number;
}

export interface ModelInfo {
  contextWindow: number;
  maxOutput: number;
  price: ModelPrice;
}

function priced(input: number, output: number): ModelPrice {
  return { input, output, cacheWrite: input * 1.25, cacheRead: input * 0.1 };
}

/** Figures from anthropic-api.md §7; the Opus 5.x and Sonnet 5.5 figures are second-hand and marked so there. */
export const MODEL_CATALOG: Readonly<Record<string, ModelInfo>> = {
  'claude-sonnet-5-5': { contextWindow: 1_000_000, maxOutput: 128_000, price: priced(2, 10) },
  'claude-sonnet-5': { contextWindow: 1_000_000, maxOutput: 128_000, price: priced(2, 10) },
  'claude-sonnet-4-6': { contextWindow: 1_000_000, maxOutput: 128_000, price: priced(3, 15) },
  'claude-sonnet-4-5': { contextWindow: 200_000, maxOutput: 64_000, price: priced(3, 15) },
  'claude-sonnet-4-5-20250929': { contextWindow: 200_000, maxOutput: 64_000, price: priced(3, 15) },
  'claude-opus-5-5': { contextWindow: 1_000_000, maxOutput: 128_000, price: priced(5, 25) },
  'claude-opus-5': { contextWindow: 1_000_000, maxOutput: 128_000, price: priced(5, 25) },
  'claude-haiku-4-5': { contextWindow: 200_000, maxOutput: 64_000, price: priced(1, 5) },
  'claude-haiku-4-5-20251001': { contextWindow: 200_000, maxOutput: 64_000, price: priced(1, 5) },
};

/** For an id the catalog does not know: Sonnet's figures, so cost is estimated rather than reported as zero. */
export const FALLBACK_MODEL_INFO: ModelInfo = MODEL_CATALOG['claude-sonnet-5-5'];

export function modelInfo(id: string): ModelInfo {
  return MODEL_CATALOG[id] ?? FALLBACK_MODEL_INFO;
}

export interface CostUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

/** Cost in dollars of one response's usage; cache writes and reads priced separately. */
export function costOf(usage: CostUsage, price: ModelPrice): number {
  return (
    (usage.input_tokens * price.input +
      usage.output_tokens * price.output +
      usage.cache_creation_input_tokens * price.cacheWrite +
      usage.cache_read_input_tokens * price.cacheRead) /
    1_000_000
  );
}
