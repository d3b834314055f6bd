/**
 * Claude Code's matcher rules: no matcher, `""` or `*` match everything; a matcher of only letters, digits, `_` and `|`
 * is an exact name or a `|` list of exact names (`Edit|Write`, `mcp__github__create_issue`); anything else is a
 * JavaScript regular expression tested against the whole value's text (`mcp__memory__.*`, `^Notebook`, `Edit.*`).
 * A matcher that is not a valid expression is a configuration error (config.ts); here it matches nothing.
 */
const EXACT = /^[A-Za-z0-9_|]+$/;

export function matcherMatches(matcher: string | undefined, value: string): boolean {
  if (matcher === undefined || matcher === '' || matcher === '*') return true;
  if (EXACT.test(matcher)) return matcher.split('|').includes(value);
  const re = compile(matcher);
  return re !== undefined && re.test(value);
}

/** Why a matcher cannot be used, or undefined when it can. */
export function matcherProblem(matcher: string | undefined): string | undefined {
  if (matcher === undefined || matcher === '' || matcher === '*' || EXACT.test(matcher)) return undefined;
  try {
    new RegExp(matcher);
    return undefined;
  } catch (err) {
    return `not a valid regular expression (${(err as Error).message})`;
  }
}

const cache = new Map<string, RegExp | undefined>();

function compile(matcher: string): RegExp | undefined {
  if (cache.has(matcher)) return cache.get(matcher);
  let re: RegExp | undefined;
  try {
    re = new RegExp(matcher);
  } catch {
    re = undefined;
  }
  cache.set(matcher, re);
  return re;
}
