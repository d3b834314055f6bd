/**
 * Source text prepared for fact scanning: comments blanked out (so a commented-out route or listen call is not a
 * fact), string contents and line breaks kept, so offsets and line numbers still point into the real file.
 */

import { SourceText } from '../../../analyzers/dockerfile/source.js';

export type CommentStyle = 'c' | 'hash' | 'php';

/**
 * Replaces every comment with spaces. `c`: `//` and `/* *\/` (JS, TS, Go, Rust, Java, Kotlin, C#), strings in ' " `;
 * `hash`: `#` (Python, Ruby), strings in ' " and Python's triple quotes; `php`: both.
 * Rust/Go raw strings and JS template nesting are not tracked: a quote inside them can only make a comment survive,
 * never blank code.
 */
export function blankComments(text: string, style: CommentStyle): string {
  const out = text.split('');
  const hash = style !== 'c';
  const slash = style !== 'hash';
  let i = 0;
  const blank = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (out[k] !== '\n') out[k] = ' ';
  };
  while (i < text.length) {
    const ch = text[i];
    if (slash && ch === '/' && text[i + 1] === '/') {
      const end = lineEnd(text, i);
      blank(i, end);
      i = end;
    } else if (slash && ch === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      const end = close < 0 ? text.length : close + 2;
      blank(i, end);
      i = end;
    } else if (hash && ch === '#' && !(style === 'php' && text[i + 1] === '[')) {
      const end = lineEnd(text, i);
      blank(i, end);
      i = end;
    } else if (hash && style !== 'php' && (text.startsWith('"""', i) || text.startsWith("'''", i))) {
      const q = text.slice(i, i + 3);
      const close = text.indexOf(q, i + 3);
      i = close < 0 ? text.length : close + 3;
    } else if (ch === '"' || ch === "'" || (ch === '`' && style === 'c')) {
      i = stringEnd(text, i, ch);
    } else i++;
  }
  return out.join('');
}

function lineEnd(text: string, from: number): number {
  const nl = text.indexOf('\n', from);
  return nl < 0 ? text.length : nl;
}

/** Offset just past the string starting at `from` (a quote); an unterminated ' or " string ends at the line end. */
function stringEnd(text: string, from: number, quote: string): number {
  let i = from + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') i += 2;
    else if (c === quote) return i + 1;
    else if (c === '\n' && quote !== '`') return i;
    else i++;
  }
  return text.length;
}

/** A source file ready for scanning: its path, the text with comments blanked, and a line lookup. */
export class SourceFile {
  private lines: SourceText | undefined;
  readonly code: string;

  constructor(readonly file: string, readonly text: string, style: CommentStyle) {
    this.code = blankComments(text, style);
  }

  /** 1-based line of an offset. */
  line(offset: number): number {
    this.lines ??= new SourceText(this.code);
    return this.lines.positionAt(offset).line + 1;
  }

  /** Every match of a global regex over the code, with its line. */
  *matches(re: RegExp): Generator<{ m: RegExpExecArray; line: number }> {
    const g = re.global ? re : new RegExp(re.source, `${re.flags}g`);
    g.lastIndex = 0;
    for (let m = g.exec(this.code); m; m = g.exec(this.code)) {
      if (m[0] === '') g.lastIndex++;
      yield { m, line: this.line(m.index) };
    }
  }
}
