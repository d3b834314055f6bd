import { cutLine } from '../line-numbers.js';
import type { FileHits } from './search-types.js';

export interface ContentStyle {
  /** Prefix rows with the path (off when a single file was searched, as rg does). */
  withPath: boolean;
  lineNumbers: boolean;
  onlyMatching: boolean;
  /** Context was asked for: runs of lines are separated by `--`, as rg does. */
  separators: boolean;
  maxLineChars: number;
  show(path: string): string;
}

/** rg's content layout: `path:12:text` for a match line, `path-13-text` for a context line. */
export function contentRows(file: FileHits, style: ContentStyle, firstFile: boolean): string[] {
  const rows: string[] = [];
  const prefix = (number: number, sep: string): string =>
    (style.withPath ? style.show(file.path) + sep : '') + (style.lineNumbers ? `${number}${sep}` : '');
  const startsByLine = new Map<number, string[]>();
  for (const match of file.matches) {
    const list = startsByLine.get(match.line) ?? [];
    list.push(match.text);
    startsByLine.set(match.line, list);
  }
  let previous: number | undefined;
  for (const line of file.lines) {
    if (style.separators && ((previous === undefined && !firstFile) || (previous !== undefined && line.number > previous + 1))) rows.push('--');
    previous = line.number;
    if (line.isMatch && style.onlyMatching) {
      for (const text of startsByLine.get(line.number) ?? []) rows.push(prefix(line.number, ':') + cutLine(text, style.maxLineChars));
      continue;
    }
    const text = line.text.endsWith('\r') ? line.text.slice(0, -1) : line.text;
    rows.push(prefix(line.number, line.isMatch ? ':' : '-') + cutLine(text, style.maxLineChars));
  }
  return rows;
}

/** rg -c counts lines on which a match starts. */
export function matchCount(file: FileHits): number {
  return new Set(file.matches.map((m) => m.line)).size;
}
