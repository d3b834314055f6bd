import type { AgentEvent, ResultObject } from '../../agent/events.js';

/** Turns a run's events into output; `finish` writes the end of it and returns the exit code. */
export interface Renderer {
  onEvent(event: AgentEvent): void;
  finish(result: ResultObject): number;
}

/** CONTRACT exit codes: 0 success (an accepted handoff), 1 the run failed. */
export function exitCodeOf(result: ResultObject): number {
  return result.subtype === 'success' ? 0 : 1;
}
