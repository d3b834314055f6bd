import { isMap, isPair, isScalar, LineCounter, parseDocument } from 'yaml';
import type { Node } from 'yaml';

export interface ComposeFixChange {
  rule: string;
  line: number;
  description: string;
}

/**
 * The safe Compose fixes, applied as text edits so comments and layout stay as they were:
 * COMPOSE-VERSION-OBSOLETE removes a top-level `version:` whose key and scalar value sit on their own line.
 */
export function fixCompose(text: string): { text: string; changes: ComposeFixChange[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  if (doc.errors.length > 0 || !isMap(doc.contents)) return { text, changes: [] };
  const pair = doc.contents.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === 'version');
  if (!pair || !isScalar(pair.value)) return { text, changes: [] };
  const start = (pair.key as Node).range![0];
  const end = (pair.value as Node).range![1];
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  let lineEnd = text.indexOf('\n', end);
  lineEnd = lineEnd === -1 ? text.length : lineEnd + 1;
  // Only when the pair owns its line(s): nothing else before it, only a comment after it.
  if (text.slice(lineStart, start).trim() !== '' || !/^\s*(#.*)?\r?\n?$/.test(text.slice(end, lineEnd))) return { text, changes: [] };
  const line = lineCounter.linePos(start).line;
  return {
    text: text.slice(0, lineStart) + text.slice(lineEnd),
    changes: [{ rule: 'COMPOSE-VERSION-OBSOLETE', line, description: 'removed the obsolete top-level version:' }],
  };
}
