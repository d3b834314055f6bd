/** LSP-style position as dockerfile-ast reports it: 0-based line and UTF-16 character. */
export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}

/** Offsets of each line start, so LSP positions (0-based line/character) map to string offsets and back. */
export class SourceText {
  readonly lineStarts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 10) starts.push(i + 1);
      else if (ch === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
    }
    this.lineStarts = starts;
  }

  offsetAt(pos: Position): number {
    const start = this.lineStarts[Math.min(pos.line, this.lineStarts.length - 1)] ?? 0;
    return Math.min(start + pos.character, this.text.length);
  }

  /** 0-based line and character of an offset. */
  positionAt(offset: number): Position {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - this.lineStarts[lo] };
  }

  rangeOffsets(range: Range): [number, number] {
    return [this.offsetAt(range.start), this.offsetAt(range.end)];
  }

  /** Text of a 0-based line without its line ending. */
  lineText(line: number): string {
    const start = this.lineStarts[line];
    if (start === undefined) return '';
    const next = this.lineStarts[line + 1] ?? this.text.length;
    return this.text.slice(start, next).replace(/\r?\n$|\r$/, '');
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }
}
