import type { AgentEvent } from '../../agent/events.js';
import type { CliIO } from '../io.js';
import { exitCodeOf, type Renderer } from './types.js';

/**
 * `--output-format stream-json`: one JSON object per line, shaped like Claude Code's (system/init, assistant, user,
 * result); our other events are `system` lines with their own subtype, so parsers that switch on `type` keep working.
 */
export function streamJsonRenderer(io: CliIO): Renderer {
  let sessionId = '';
  const line = (o: unknown) => io.stdout.write(`${JSON.stringify(o)}\n`);
  return {
    onEvent(event) {
      const out = toLine(event, sessionId);
      if (event.type === 'init') sessionId = event.session_id;
      if (out) line(out);
    },
    finish(result) {
      line(result);
      return exitCodeOf(result);
    },
  };
}

export function toLine(event: AgentEvent, sessionId: string): Record<string, unknown> | undefined {
  switch (event.type) {
    case 'init': {
      const { type: _t, ...rest } = event;
      return { type: 'system', subtype: 'init', ...rest };
    }
    case 'assistant':
      return { type: 'assistant', message: event.message, session_id: sessionId };
    case 'user':
      return { type: 'user', message: event.message, session_id: sessionId };
    case 'text_delta':
    case 'result':
      return undefined;
    default: {
      const { type, ...rest } = event;
      return { type: 'system', subtype: type, ...rest, session_id: sessionId };
    }
  }
}
