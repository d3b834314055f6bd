import type { Heredoc, Run } from 'dockerfile-ast';
import type { SourceText } from '../source.js';

/** A stretch of script text copied from the file: script offset -> file offset. */
interface Segment {
  scriptStart: number;
  fileStart: number;
  length: number;
}

/** Maps offsets in an extracted script back to the Dockerfile. */
export class OffsetMap {
  constructor(private readonly segments: Segment[]) {}

  toFile(scriptOffset: number): number {
    let seg = this.segments[0];
    for (const s of this.segments) {
      if (s.scriptStart > scriptOffset) break;
      seg = s;
    }
    if (!seg) return 0;
    return seg.fileStart + Math.min(scriptOffset - seg.scriptStart, seg.length);
  }
}

export interface ShellSource {
  kind: 'shell';
  script: string;
  map: OffsetMap;
  /** Each script character is the file character at `map.toFile`: edits on the script map onto the file. */
  exact: boolean;
  /** The script is the body of a heredoc. */
  heredoc: boolean;
}

export interface ExecSource {
  kind: 'exec';
  argv: { value: string; start: number; end: number }[];
}

const SHELL_ONLY = /^(?:\/(?:usr\/)?bin\/)?(?:ba|da|a|z|k)?sh(?:\s+-[a-zA-Z]+)*\s*$/;
const HEREDOC_MARK = /<<-?\s*(["']?)([A-Za-z_][\w.-]*)\1/g;

/** The shell text Docker would run for a RUN: continuation lines joined, comment lines dropped, flags removed. */
export function runSource(run: Run, src: SourceText, escapeChar: string): ShellSource | ExecSource | undefined {
  const json = run.getJSONStrings();
  if (json.length > 0 && run.getOpeningBracket() && run.getClosingBracket()) {
    return {
      kind: 'exec',
      argv: json.map((a) => {
        const [start, end] = src.rangeOffsets(a.getRange());
        return { value: jsonString(src.text.slice(start, end)) ?? a.getJSONValue(), start, end };
      }),
    };
  }
  const args = run.getArguments();
  if (args.length === 0) return undefined;
  const start = src.offsetAt(args[0].getRange().start);
  const end = src.offsetAt(run.getRange().end);
  const heredocs = run.getHeredocs();
  if (heredocs.length > 0) {
    const body = heredocBody(heredocs[0], src, start);
    if (body) return body;
  }
  return joinedLines(src, start, end, escapeChar);
}

function heredocBody(doc: Heredoc, src: SourceText, argsStart: number): ShellSource | undefined {
  const firstLineEnd = src.text.indexOf('\n', argsStart);
  const firstLine = src.text.slice(argsStart, firstLineEnd < 0 ? undefined : firstLineEnd).replace(HEREDOC_MARK, '').trim();
  if (firstLine !== '' && !SHELL_ONLY.test(firstLine)) return undefined;
  const content = doc.getContentRange();
  if (!content) return { kind: 'shell', script: '', map: new OffsetMap([]), exact: true, heredoc: true };
  const [s, e] = src.rangeOffsets(content);
  return {
    kind: 'shell',
    script: src.text.slice(s, e),
    map: new OffsetMap([{ scriptStart: 0, fileStart: s, length: e - s }]),
    exact: true,
    heredoc: true,
  };
}

function joinedLines(src: SourceText, start: number, end: number, escapeChar: string): ShellSource {
  const text = src.text;
  const segments: Segment[] = [];
  let script = '';
  let exact = true;
  let pos = start;
  let first = true;
  while (pos < end) {
    let lineEnd = text.indexOf('\n', pos);
    if (lineEnd < 0 || lineEnd >= end) lineEnd = end;
    else lineEnd += 1;
    let line = text.slice(pos, lineEnd);
    const trimmed = line.trim();
    // Docker drops comment lines and empty lines inside a continued instruction.
    if (!first && (trimmed === '' || trimmed.startsWith('#'))) {
      pos = lineEnd;
      continue;
    }
    const cont = continuation(line, escapeChar);
    if (cont) {
      line = cont;
      if (escapeChar !== '\\') exact = false;
    }
    segments.push({ scriptStart: script.length, fileStart: pos, length: line.length });
    script += line;
    pos = lineEnd;
    first = false;
  }
  return { kind: 'shell', script, map: new OffsetMap(segments), exact, heredoc: false };
}

/** Docker continues a line on the escape character followed only by blanks; bash needs `\` last. Same length. */
function continuation(line: string, escapeChar: string): string | undefined {
  const m = /([\\`])([ \t]*)(\r?\n)?$/.exec(line);
  if (!m || m[1] !== escapeChar) return undefined;
  if (m[2] === '' && escapeChar === '\\') return undefined;
  const head = line.slice(0, m.index);
  return head + ' '.repeat(m[2].length) + '\\' + (m[3] ?? '');
}

/** dockerfile-ast's getJSONValue() drops whitespace inside the string: decode the source text instead. */
function jsonString(raw: string): string | undefined {
  try {
    const v: unknown = JSON.parse(raw);
    return typeof v === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}
