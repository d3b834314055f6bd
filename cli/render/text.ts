import type { AgentEvent } from '../../agent/events.js';
import type { CliIO } from '../io.js';
import { exitCodeOf, type Renderer } from './types.js';
import { fitLine } from '../fit-line.js';

/** Longest input summary shown on a progress line. */
const MAX_PROGRESS_CHARS = 120;

/** `--output-format text`: progress on stderr, the final report on stdout. */
export function textRenderer(io: CliIO, verbose = false): Renderer {
  const err = (s: string) => io.stderr.write(`${s}\n`);
  return {
    onEvent(event: AgentEvent) {
      const line = progressLine(event, verbose);
      if (line) err(line);
    },
    finish(result) {
      const cost = `$${result.total_cost_usd.toFixed(4)}`;
      const summary = `${result.num_turns} turn(s), ${(result.duration_ms / 1000).toFixed(1)} s, ${cost}, model ${result.model}`;
      if (result.is_error) {
        err(`docker-expert run failed (${result.subtype}): ${result.result}`);
        err(`(${summary})`);
      } else {
        io.stdout.write(result.result.endsWith('\n') ? result.result : `${result.result}\n`);
        err(`(${summary})`);
      }
      return exitCodeOf(result);
    },
  };
}

function progressLine(event: AgentEvent, verbose: boolean): string | undefined {
  switch (event.type) {
    case 'init':
      return `docker-expert: agent ${event.agent}, model ${event.model}, tools: ${event.tools.join(', ') || 'none'}`;
    case 'tool_start':
      return `-> ${event.name} ${clip(describeInput(event.input))}`;
    case 'tool_end':
      return event.is_error || verbose ? `   ${event.name} ${event.is_error ? 'failed' : 'done'} in ${event.duration_ms} ms${event.truncated ? ' (output cut)' : ''}` : undefined;
    case 'permission':
      return event.behavior === 'deny' ? `!! denied ${event.tool_name}: ${event.reason}` : undefined;
    case 'retry':
      return `.. retry ${event.attempt} (${event.kind}): ${event.message}`;
    case 'notice':
      return `.. ${event.message}`;
    case 'workflow':
      return `== ${event.step}: ${event.status}${event.summary ? ` - ${clip(event.summary)}` : ''}`;
    case 'assistant': {
      if (!verbose) return undefined;
      const text = event.message.content.flatMap((b) => (b.type === 'text' ? [b.text] : [])).join(' ');
      return text ? `   ${clip(text)}` : undefined;
    }
    default:
      return undefined;
  }
}

/** The one part of a tool call's input a person recognises it by (command, file, pattern, step), else its JSON. */
export function describeInput(input: unknown): string {
  if (!input || typeof input !== 'object') return String(input ?? '');
  const o = input as Record<string, unknown>;
  const main = o.command ?? o.file_path ?? o.pattern ?? o.path ?? o.step;
  return typeof main === 'string' ? main : JSON.stringify(input);
}

function clip(s: string): string {
  return fitLine(s, MAX_PROGRESS_CHARS);
}
