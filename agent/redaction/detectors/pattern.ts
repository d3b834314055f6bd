import type { Detector, Finding } from '../types.js';

/**
 * A detector from one regular expression (global flag added). With a `value` group only that group is redacted
 * (`AccountKey=` stays, the key goes); `accept` may veto a match (a JWT whose header is not JSON).
 */
export function patternDetector(kind: string, pattern: RegExp, accept?: (match: RegExpExecArray) => boolean): Detector {
  const flags = pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`;
  const withIndices = flags.includes('d') ? flags : `${flags}d`;
  return {
    kinds: [kind],
    find(text: string): Finding[] {
      const re = new RegExp(pattern.source, withIndices);
      const out: Finding[] = [];
      for (let m = re.exec(text); m; m = re.exec(text)) {
        if (m[0] === '') {
          re.lastIndex++;
          continue;
        }
        if (accept && !accept(m)) continue;
        const span = m.indices?.groups?.value ?? m.indices?.[0];
        if (span && span[1] > span[0]) out.push({ start: span[0], end: span[1], kind });
      }
      return out;
    },
  };
}
