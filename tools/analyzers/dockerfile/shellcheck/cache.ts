import type { ShellcheckComment } from './run.js';

/** ShellCheck's answer per input text, most recent last: `--fix` rounds, repeated checks and identical RUNs in several Dockerfiles re-use it. */
const cache = new Map<string, readonly ShellcheckComment[]>();
let cachedChars = 0;

/** At most this many characters of ShellCheck input are remembered. */
export const SHELLCHECK_CACHE_CHARS = 4 * 1024 * 1024;

export function cachedComments(binary: string, text: string): readonly ShellcheckComment[] | undefined {
  const key = `${binary}\0${text}`;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
  }
  return hit;
}

export function rememberComments(binary: string, text: string, comments: readonly ShellcheckComment[]): void {
  const key = `${binary}\0${text}`;
  if (key.length > SHELLCHECK_CACHE_CHARS / 16 || cache.has(key)) return;
  cache.set(key, comments);
  cachedChars += key.length;
  for (const [k] of cache) {
    if (cachedChars <= SHELLCHECK_CACHE_CHARS) break;
    cache.delete(k);
    cachedChars -= k.length;
  }
}

export function clearShellcheckCache(): void {
  cache.clear();
  cachedChars = 0;
}
