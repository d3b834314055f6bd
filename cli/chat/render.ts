/** How a chat shows a run: the model's text as it streams, one status line per tool call, steps, denials, the end. */
import type { AgentEvent, ResultObject } from '../../agent/events.js';

/** Longest tool input shown on a status line. */
const MAX_STATUS_CHARS = 100;

export function chatPrinter(write: (s: string) => void) {
  let midLine = false;
  // Every message is a run of its own: the same notice (tools not available, ...) is shown once per chat. Sub-agent
  // progress lines ("[agent] tool Read") repeat for real and are always shown.
  const shownNotices = new Set<string>();
  const line = (s: string) => {
    if (midLine) write('\n');
    midLine = false;
    write(`${s}\n`);
  };
  return {
    line,
    onEvent(event: AgentEvent): void {
      switch (event.type) {
        case 'text_delta':
          if (event.text) {
            write(event.text);
            midLine = !event.text.endsWith('\n');
          }
          return;
        case 'tool_start':
          return line(`  -> ${event.name} ${clip(describe(event.input))}`);
        case 'tool_end':
          if (event.is_error) line(`     ${event.name} failed after ${event.duration_ms} ms`);
          return;
        case 'permission':
          if (event.behavior === 'deny') line(`  !! ${event.tool_name} denied: ${event.reason}`);
          return;
        case 'workflow':
          return line(`  == ${event.step}: ${event.status}${event.summary ? ` - ${clip(event.summary)}` : ''}`);
        case 'retry':
          return line(`  .. retry ${event.attempt} (${event.kind}): ${event.message}`);
        case 'notice':
          if (!event.message.startsWith('[')) {
            if (shownNotices.has(event.message)) return;
            shownNotices.add(event.message);
          }
          return line(`  .. ${event.message}`);
        default:
          return;
      }
    },
    onResult(result: ResultObject): void {
      const figures = `${result.num_turns} turn(s), $${result.total_cost_usd.toFixed(4)}`;
      if (result.subtype === 'success') {
        if (result.handoff) line(`\n${result.result}`);
        line(`(done: ${figures}${result.handoff ? `, handed off to ${String((result.handoff as { to?: unknown }).to)}` : ''})`);
      } else line(`(stopped, ${result.subtype}: ${result.result} - ${figures})`);
    },
  };
}

export function describe(input: unknown): string {
  if (!input || typeof input !== 'object') return String(input ?? '');
  const o = input as Record<string, unknown>;
  const main = o.command ?? o.file_path ?? o.pattern ?? o.path ?? o.step;
  return typeof main === 'string' ? main : JSON.stringify(input);
}

export function clip(s: string): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > MAX_STATUS_CHARS ? `${one.slice(0, MAX_STATUS_CHARS - 1)}…` : one;
}
