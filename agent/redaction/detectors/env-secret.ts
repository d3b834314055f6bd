import type { Node } from 'yaml';
import { isReferenceValue, secretNameKind } from '../names.js';
import { innerSpan, isMap, isScalar, isSeq, maps, pairOf, parseDocuments, spanOf } from '../structured.js';
import type { Detector, Finding } from '../types.js';

const KIND = 'env-secret';
const ENTRY = /^([A-Za-z_][A-Za-z0-9_.-]*)=/;

/**
 * Environment values whose names look secret, read from the parsed output: `docker inspect`'s `Env` list
 * (`"DB_PASSWORD=…"`, also printed alone by `--format '{{json .Config.Env}}'`) and Kubernetes' `env` entries
 * (`{name: DB_PASSWORD, value: …}`). Parsing keeps values with spaces or quotes whole, where a pattern would stop early.
 */
export const envSecret: Detector = {
  kinds: [KIND],
  structured: true,
  find(text: string): Finding[] {
    if (!/\b[Ee]nv\b|^\s*(?:\[\s*|- )"?[A-Za-z_][A-Za-z0-9_]*=/m.test(text)) return [];
    const out: Finding[] = [];
    for (const root of parseDocuments(text)) {
      if (isSeq(root)) envList(text, root.items, out);
      for (const map of maps(root)) {
        const env = pairOf(map, 'Env')?.value;
        if (isSeq(env)) envList(text, env.items, out);
        const name = pairOf(map, 'name')?.value;
        const value = pairOf(map, 'value')?.value;
        if (isScalar(name) && typeof name.value === 'string' && secretNameKind(name.value) && isScalar(value) && typeof value.value === 'string' && !isReferenceValue(value.value)) {
          const span = spanOf(text, value);
          if (span) out.push({ start: innerSpan(text, span)[0], end: innerSpan(text, span)[1], kind: KIND });
        }
      }
    }
    return out;
  },
};

/** `NAME=value` strings: the value of each secret-looking name. */
function envList(text: string, items: unknown[], out: Finding[]): void {
  for (const item of items) {
    if (!isScalar(item) || typeof item.value !== 'string') continue;
    const m = ENTRY.exec(item.value);
    if (!m || !secretNameKind(m[1]) || isReferenceValue(item.value.slice(m[0].length))) continue;
    const span = spanOf(text, item as Node);
    if (!span) continue;
    const [start, end] = innerSpan(text, span);
    const source = text.slice(start, end);
    const eq = source.indexOf('=');
    // The value begins after the first '=' of the source (escapes can only come after it, in the value).
    if (eq >= 0 && end > start + eq + 1) out.push({ start: start + eq + 1, end, kind: KIND });
  }
}
