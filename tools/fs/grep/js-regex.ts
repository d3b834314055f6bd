import { SearchError } from './search-types.js';

/**
 * Compiles a ripgrep (Rust regex) pattern for the JS fallback, translating where the syntaxes differ so
 * both find the same text: \d \w \b are Unicode-aware as in rg, `[[:alpha:]]` POSIX classes, `(?P<name>`,
 * `\pL`, `\x{...}`, `\A` `\z`, escaped punctuation (`\-`, `\#`), a leading `]` in a class, and leading
 * inline flags `(?i)` `(?s)` `(?m)`. Scoped flags `(?i:...)` are refused (Node 20 has no equivalent).
 * Left as JS has them: `\W` inside a class (ASCII), `\s` (JS also counts U+FEFF as space).
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
    return new RegExp(translate(source), [...flags].join(''));
  } catch (error) {
    throw new SearchError(`regex parse error: ${(error as Error).message}`);
  }
}

/** rg's \w: Unicode word characters. */
const WORD = '\\p{Alphabetic}\\p{M}\\p{Nd}\\p{Pc}\\p{Join_Control}';
const WORD_BOUNDARY = `(?:(?<=[${WORD}])(?![${WORD}])|(?<![${WORD}])(?=[${WORD}]))`;
const NOT_WORD_BOUNDARY = `(?:(?<=[${WORD}])(?=[${WORD}])|(?<![${WORD}])(?![${WORD}]))`;
const JS_SYNTAX = new Set([...'^$\\.*+?()[]{}|/']);
const POSIX_CLASSES: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

function translate(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i += 1) {
    const ch = source[i];
    if (ch === '\\') {
      const [text, consumed] = translateEscape(source, i, inClass);
      out += text;
      i += consumed - 1;
      continue;
    }
    if (!inClass) {
      if (source.startsWith('(?P<', i)) {
        out += '(?<';
        i += 3;
      } else if (/^\(\?[a-zA-Z-]+:/.test(source.slice(i, i + 8))) {
        throw new SearchError('regex parse error: scoped inline flags like (?i:...) are not supported without ripgrep');
      } else if (ch === '[') {
        inClass = true;
        out += ch;
        if (source[i + 1] === '^') out += source[++i];
        if (source[i + 1] === ']') {
          out += '\\]';
          i += 1;
        }
      } else {
        out += ch;
      }
      continue;
    }
    const posix = /^\[:(\^?)([a-z]+):\]/.exec(source.slice(i));
    if (posix && POSIX_CLASSES[posix[2]] && posix[1] === '') {
      out += POSIX_CLASSES[posix[2]];
      i += posix[0].length - 1;
    } else if (ch === ']') {
      inClass = false;
      out += ch;
    } else {
      out += ch;
    }
  }
  return out;
}

/** The JS text for the escape at `at`, and how many characters of the pattern it used. */
function translateEscape(source: string, at: number, inClass: boolean): [string, number] {
  const next = source[at + 1];
  if (next === undefined) return ['\\', 1];
  switch (next) {
    case 'd':
      return ['\\p{Nd}', 2];
    case 'D':
      return ['\\P{Nd}', 2];
    case 'w':
      return [inClass ? WORD : `[${WORD}]`, 2];
    case 'W':
      return [inClass ? '\\W' : `[^${WORD}]`, 2];
    case 'b':
      return [inClass ? '\\x08' : WORD_BOUNDARY, 2];
    case 'B':
      return [inClass ? '\\B' : NOT_WORD_BOUNDARY, 2];
    case 'A':
      return ['(?<![\\s\\S])', 2];
    case 'z':
      return ['(?![\\s\\S])', 2];
    case 'p':
    case 'P': {
      if (source[at + 2] !== '{') return source[at + 2] === undefined ? [`\\${next}`, 2] : [`\\${next}{${source[at + 2]}}`, 3];
      const close = source.indexOf('}', at + 3);
      if (close === -1) return [`\\${next}`, 2];
      return [`\\${next}{${unicodeProperty(source.slice(at + 3, close))}}`, close - at + 1];
    }
    case 'x':
      if (source[at + 2] === '{') return ['\\u', 2];
      return ['\\x', 2];
    default:
      if (/[!-/:-@[-`{-~]/.test(next) && !JS_SYNTAX.has(next) && !(inClass && next === '-')) {
        return [`\\x${next.charCodeAt(0).toString(16).padStart(2, '0')}`, 2];
      }
      return [`\\${next}`, 2];
  }
}

/** rg accepts scripts bare (`\\p{Greek}`); JS wants `Script=Greek` for those. */
function unicodeProperty(name: string): string {
  const accepted = (candidate: string): boolean => {
    try {
      new RegExp(`\\p{${candidate}}`, 'u');
      return true;
    } catch {
      return false;
    }
  };
  if (accepted(name)) return name;
  return accepted(`Script=${name}`) ? `Script=${name}` : name;
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
