/**
 * The redactor every tool result passes before it leaves the tool (agent/executor.ts, the MCP server, the A2A
 * service): each secret its detectors find becomes `[REDACTED:<kind>]`. Structured outputs (Kubernetes Secrets,
 * `docker inspect`, service-account keys) are parsed, also through Read's line-number gutter; the rest is matched.
 */
import { BUILTIN_DETECTORS } from './detectors/index.js';
import { withoutGutter } from './gutter.js';
import { isPlaceholder, placeholder } from './placeholder.js';
import type { Detector, Finding } from './types.js';

export interface Redaction {
  text: string;
  /** How many values of each kind were replaced (empty: nothing found). */
  counts: Record<string, number>;
  total: number;
}

export interface Redactor {
  redact(text: string): Redaction;
}

export function createRedactor(extra: readonly Detector[] = []): Redactor {
  const detectors = [...BUILTIN_DETECTORS, ...extra];
  return { redact: (text) => redactWith(detectors, text) };
}

/** The redactor of runs that pass `--no-redact`: everything stays as it is. */
export const NO_REDACTION: Redactor = { redact: (text) => ({ text, counts: {}, total: 0 }) };

function redactWith(detectors: readonly Detector[], text: string): Redaction {
  if (text.length === 0) return { text, counts: {}, total: 0 };
  const found: Ranked[] = [];
  const view = detectors.some((d) => d.structured) ? withoutGutter(text) : undefined;
  detectors.forEach((d, rank) => {
    for (const f of d.find(text)) found.push({ ...f, rank });
    if (d.structured && view) {
      for (const f of d.find(view.text)) found.push({ start: view.toOriginal(f.start), end: view.toOriginal(f.end - 1) + 1, kind: f.kind, rank });
    }
  });
  // A placeholder from an earlier pass is not a secret: redacting twice changes nothing.
  const spans = merge(found.filter((f) => !isPlaceholder(text.slice(f.start, f.end))));
  if (spans.length === 0) return { text, counts: {}, total: 0 };
  const counts: Record<string, number> = {};
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.start) + placeholder(s.kind);
    at = s.end;
    counts[s.kind] = (counts[s.kind] ?? 0) + 1;
  }
  return { text: out + text.slice(at), counts, total: spans.length };
}

/** A finding and the place of its detector in the list: structured ones come first, the generic name=value one last. */
type Ranked = Finding & { rank: number };

/** Overlapping findings become one span covering all of them (nothing of either leaks), named by the earliest detector among them. */
function merge(found: Ranked[]): Finding[] {
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Ranked[] = [];
  for (const f of found) {
    const last = out[out.length - 1];
    if (last && f.start < last.end) {
      last.end = Math.max(last.end, f.end);
      if (f.rank < last.rank) Object.assign(last, { kind: f.kind, rank: f.rank });
    } else out.push({ ...f });
  }
  return out;
}

/** Every string in a JSON value, redacted where it stands (keys and structure unchanged). */
export function redactLeaves(value: unknown, redactor: Redactor): unknown {
  if (typeof value === 'string') return redactor.redact(value).text;
  if (Array.isArray(value)) return value.map((v) => redactLeaves(v, redactor));
  if (value && typeof value === 'object' && !Buffer.isBuffer(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactLeaves(v, redactor)]));
  return value;
}

/** `3 secrets (2 password, 1 jwt)` for the notice. */
export function describeCounts(r: Redaction): string {
  const kinds = Object.entries(r.counts)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([k, n]) => `${n} ${k}`)
    .join(', ');
  return `${r.total} secret${r.total === 1 ? '' : 's'} (${kinds})`;
}

export type { Detector, Finding } from './types.js';
export { placeholder } from './placeholder.js';
