/**
 * Whether a command's output may carry ANSI colour (check's text report, chat). One rule for every command:
 * `NO_COLOR` (not empty) turns it off and wins (https://no-color.org: the person's opt-out); else `FORCE_COLOR`
 * (not empty) turns it on, unless it is `0` or `false`; else colour goes to a terminal only, and not to one that
 * says it has no colours (Node's `hasColors`: `TERM=dumb` …).
 */
export interface ColourStream {
  isTTY?: boolean;
  hasColors?: (env?: NodeJS.ProcessEnv) => boolean;
}

export function useColor(stream: ColourStream, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force.toLowerCase() !== 'false';
  if (stream.isTTY !== true) return false;
  return typeof stream.hasColors === 'function' ? stream.hasColors(env) : true;
}
