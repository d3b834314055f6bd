/**
 * Read shows files with a `cat -n` gutter (`     7\tpassword: …`), which no YAML or JSON parser accepts. The structured
 * detectors read the text without it; their findings are mapped back onto the text with the gutter.
 */
const GUTTER = /^ *\d+\t/;

export interface GutterView {
  text: string;
  /** Offset in `text` to offset in the original. */
  toOriginal(offset: number): number;
}

/** The view without the gutter, when every line but blank ones and notes in brackets has one. */
export function withoutGutter(original: string): GutterView | undefined {
  const lines = original.split('\n');
  let numbered = 0;
  for (const line of lines) if (GUTTER.test(line)) numbered++;
  if (numbered === 0 || numbered < lines.filter((l) => l.trim() !== '' && !l.startsWith('[') && !l.startsWith('<')).length) return undefined;
  const starts: number[] = [];
  const shifts: number[] = [];
  let text = '';
  let at = 0;
  for (const line of lines) {
    const cut = GUTTER.exec(line)?.[0].length ?? line.length;
    starts.push(text.length);
    shifts.push(at + cut - text.length);
    text += `${line.slice(cut)}\n`;
    at += line.length + 1;
  }
  text = text.slice(0, -1);
  return {
    text,
    toOriginal(offset) {
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid] <= offset) lo = mid;
        else hi = mid - 1;
      }
      return offset + shifts[lo];
    },
  };
}
