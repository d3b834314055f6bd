/**
 * How wide and how colourful chat output may be. On a terminal: its real width (read at each line, so a resize
 * counts); off one (a pipe, a log): status lines cut at FALLBACK_COLUMNS. Colour follows the one rule every command
 * uses (cli/colour.ts).
 */
import { useColor, type ColourStream } from '../colour.js';

export const FALLBACK_COLUMNS = 100;

export interface TerminalStyle {
  /** Characters a line may take before the terminal would wrap it. */
  columns(): number;
  dim(s: string): string;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
}

type Output = ColourStream & { columns?: number };

export function terminalStyle(out: Output, env: NodeJS.ProcessEnv): TerminalStyle {
  const on = useColor(out, env);
  const paint = (open: number, close: number) => (s: string) => (on ? `\u001b[${open}m${s}\u001b[${close}m` : s);
  return {
    columns: () => (out.isTTY && out.columns && out.columns > 20 ? out.columns : FALLBACK_COLUMNS),
    dim: paint(2, 22),
    red: paint(31, 39),
    green: paint(32, 39),
    yellow: paint(33, 39),
    cyan: paint(36, 39),
  };
}

/** Plain styling at a fixed width (tests, and callers without a stream). */
export function plainStyle(columns = FALLBACK_COLUMNS): TerminalStyle {
  const same = (s: string) => s;
  return { columns: () => columns, dim: same, red: same, green: same, yellow: same, cyan: same };
}

export { fitLine } from '../fit-line.js';
