/**
 * Rule patterns compiled once: every tool call is checked against every rule, and compiling each rule's pattern anew
 * at each check was a visible part of a turn's CPU. Keyed by everything the pattern depends on; bounded, so a
 * long-lived process that keeps meeting new rules starts the cache over instead of growing. The RegExps are used with
 * `test` only and carry no `g`/`y` flag, so sharing one is safe.
 */
export const MAX_ENTRIES = 1_000;
const compiled = new Map<string, RegExp>();

export function cachedRegExp(key: string, compile: () => RegExp): RegExp {
  let re = compiled.get(key);
  if (re === undefined) {
    if (compiled.size >= MAX_ENTRIES) compiled.clear();
    re = compile();
    compiled.set(key, re);
  }
  return re;
}
