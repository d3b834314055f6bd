/**
 * How a chat shows a run: the model's text as it streams, one status line per tool call, steps, denials, the end.
 * Status lines fit the terminal's width (never wrapped); notices (an MCP server's start-up error, ...) take at most
 * MAX_NOTICE_LINES lines. Colour and width come from terminal.ts.
 */
import type { AgentEvent, ResultObject } from '../../agent/events.js';
import { describeInput as describe } from '../render/text.js';
import { fitLine, plainStyle, type TerminalStyle } from './terminal.js';

/** Terminal lines a notice may take before it is cut (its whole text is in the session journal). */
export const MAX_NOTICE_LINES = 3;

export function chatPrinter(write: (s: string) => void, style: TerminalStyle = plainStyle()) {
  let midLine = false;
  // Every message is a run of its own: the same notice (tools not available, ...) is shown once per chat. Sub-agent
  // progress lines ("[agent] tool Read") repeat for real and are always shown.
  const shownNotices = new Set<string>();
  const line = (s: string) => {
    if (midLine) write('\n');
    midLine = false;
    write(`${s}\n`);
  };
  /** `prefix` + `text` cut to the width left after the prefix. */
  const status = (prefix: string, text: string, paint: (s: string) => string = style.dim) =>
    line(paint(`${prefix}${fitLine(text, style.columns() - prefix.length)}`));
  const notice = (message: string) => {
    if (!message.startsWith('[')) {
      if (shownNotices.has(message)) return;
      shownNotices.add(message);
    }
    const rows = wrap(message, style.columns() - 5, MAX_NOTICE_LINES).map((r, i) => `${i === 0 ? '  .. ' : '     '}${r}`);
    line(style.yellow(rows.join('\n')));
  };
  return {
    line,
    /** Ends a streamed line, so what comes next (an approval question) starts on a line of its own. */
    breakLine(): void {
      if (midLine) write('\n');
      midLine = false;
    },
    onEvent(event: AgentEvent): void {
      switch (event.type) {
        case 'text_delta':
          if (event.text) {
            write(event.text);
            midLine = !event.text.endsWith('\n');
          }
          return;
        case 'tool_start':
          return status('  -> ', `${event.name} ${describe(event.input)}`, style.cyan);
        case 'tool_end':
          if (event.is_error) status('     ', `${event.name} failed after ${event.duration_ms} ms`, style.red);
          return;
        case 'permission':
          if (event.behavior === 'deny') status('  !! ', `${event.tool_name} denied: ${event.reason}`, style.red);
          return;
        case 'workflow':
          return status('  == ', `${event.step}: ${event.status}${event.summary ? ` - ${event.summary}` : ''}`);
        case 'retry':
          return status('  .. ', `retry ${event.attempt} (${event.kind}): ${event.message}`, style.yellow);
        case 'notice':
          return notice(event.message);
        default:
          return;
      }
    },
    notice,
    onResult(result: ResultObject): void {
      const figures = `${result.num_turns} turn(s), $${result.total_cost_usd.toFixed(4)}`;
      if (result.subtype === 'success') {
        if (result.handoff) line(`\n${result.result}`);
        line(style.green(`(done: ${figures}${result.handoff ? `, handed off to ${String((result.handoff as { to?: unknown }).to)}` : ''})`));
      } else line(style.red(`(stopped, ${result.subtype}: ${result.result} - ${figures})`));
    },
  };
}

/** Word-wrapped to `width`, at most `maxLines` lines, the last one ending in an ellipsis when text was left out. */
export function wrap(text: string, width: number, maxLines: number): string[] {
  const rows: string[] = [];
  let row = '';
  for (let word of text.replace(/\s+/g, ' ').trim().split(' ')) {
    while ([...word].length > width) {
      if (row) rows.push(row);
      row = '';
      rows.push([...word].slice(0, width).join(''));
      word = [...word].slice(width).join('');
    }
    if (!row) row = word;
    else if ([...row].length + 1 + [...word].length <= width) row += ` ${word}`;
    else {
      rows.push(row);
      row = word;
    }
  }
  if (row) rows.push(row);
  if (rows.length <= maxLines) return rows;
  const kept = rows.slice(0, maxLines);
  kept[maxLines - 1] = fitLine(`${kept[maxLines - 1]} ${rows[maxLines]}`, width);
  if (!kept[maxLines - 1]!.endsWith('…')) kept[maxLines - 1] = `${fitLine(kept[maxLines - 1]!, width - 1)}…`;
  return kept;
}

export type ChatPrinter = ReturnType<typeof chatPrinter>;

export { describeInput as describe } from '../render/text.js';
