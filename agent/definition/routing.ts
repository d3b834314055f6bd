import type { Routing } from './types.js';

/** `terminal` and `None (terminal agent)` both mean end of chain: the report goes back to the caller. */
export const TERMINAL = 'terminal';

const LINE = /^\s*(ALWAYS use when|NEVER use when|Runs AFTER|Hands off to)\s*:\s*(.*)$/i;

/** Reads the routing lines a generated description carries (`ALWAYS use when: …`, `Hands off to: a, terminal`). */
export function parseRouting(description: string): Routing {
  const routing: Routing = { handsOffTo: [] };
  for (const line of description.split(/\r?\n/)) {
    const m = LINE.exec(line);
    if (!m) continue;
    const value = m[2].trim();
    switch (m[1].toLowerCase()) {
      case 'always use when':
        routing.alwaysUseWhen = value;
        break;
      case 'never use when':
        routing.neverUseWhen = value;
        break;
      case 'runs after':
        routing.runsAfter = value;
        break;
      default:
        routing.handsOffTo = parseTargets(value);
    }
  }
  return routing;
}

function parseTargets(value: string): string[] {
  const targets = value
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean)
    .map((t) => (/^none\b/i.test(t) || /^terminal$/i.test(t) ? TERMINAL : t));
  return [...new Set(targets)];
}
