import { SearchError } from './search-types.js';

/**
 * Compiles a ripgrep pattern for the JS fallback. The common syntax (classes, groups, alternation,
 * quantifiers, anchors, \b \d \w \s) means the same in both; leading inline flags `(?i)`, `(?s)`, `(?m)`
 * are turned into JS flags. Known difference: \w, \d and \b are ASCII in JS and Unicode-aware in rg.
 */
export function compileSearchRegex(pattern: string, options: { ignoreCase: boolean; multiline: boolean }): RegExp {
  let source = pattern;
  const flags = new Set(['g', 'u']);
  if (options.ignoreCase) flags.add('i');
  // rg: `.` never matches \n except in multiline-dotall mode; within one line (no \n) it matches anything.
  flags.add('s');
  if (options.multiline) flags.add('m');
  const inline = /^\(\?([a-zA-Z]+)\)/.exec(source);
  if (inline) {
    for (const flag of inline[1]) {
      if (flag === 'i') flags.add('i');
      else if (flag === 's' || flag === 'm') continue;
      else throw new SearchError(`regex parse error: the inline flag (?${flag}) is not supported without ripgrep`);
    }
    source = source.slice(inline[0].length);
  }
  if (!options.multiline && mentionsLineFeed(source)) {
    throw new SearchError('regex parse error: the literal "\\n" is not allowed in a regex (set multiline: true to match across lines)');
  }
  try {
    return new RegExp(source, [...flags].join(''));
  } catch (error) {
    throw new SearchError(`regex parse error: ${(error as Error).message}`);
  }
}

function mentionsLineFeed(source: string): boolean {
  if (source.includes('\n')) return true;
  for (let i = 0; i < source.length; i += 1) {
    if (source[i] === '\\') {
      if (source[i + 1] === 'n') return true;
      i += 1;
    }
  }
  return false;
}
