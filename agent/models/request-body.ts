/**
 * The JSON body of a Messages API request, built from pieces serialised once each: every system block, tool spec and
 * message is turned into JSON the first time a request carries it and reused by each later request carrying the same
 * object. A run's history only grows and its objects are never changed in place (agent/cache.ts and context clearing
 * copy what they change), so a request costs the serialisation of what is new in it rather than of the whole system
 * prompt, tool list and conversation again (issue 16: CPU per turn). The text is exactly JSON.stringify's.
 */
export interface RequestBodyFields {
  model: string;
  max_tokens: number;
  system: readonly object[];
  messages: readonly object[];
  tools?: readonly object[];
  stream?: boolean;
}

const pieces = new WeakMap<object, string>();

function piece(value: unknown): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? 'null';
  let json = pieces.get(value);
  if (json === undefined) {
    json = JSON.stringify(value);
    pieces.set(value, json);
  }
  return json;
}

const CACHED_LISTS = new Set(['system', 'messages', 'tools']);

/** JSON.stringify(fields), keys in the same order; the system, messages and tools lists from cached pieces. */
export function requestBodyJson(fields: RequestBodyFields): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    const json = CACHED_LISTS.has(key) && Array.isArray(value) ? `[${value.map(piece).join(',')}]` : JSON.stringify(value);
    parts.push(`${JSON.stringify(key)}:${json}`);
  }
  return `{${parts.join(',')}}`;
}
