/** Every detector against the corpus: each secret replaced by its kind's placeholder, each look-alike untouched, also through Read's gutter. */
import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../agent/redaction/index.js';
import { BUILTIN_DETECTORS } from '../../agent/redaction/detectors/index.js';
import { numberLine } from '../../tools/fs/line-numbers.js';
import { LOOKALIKES, SECRETS } from './corpus.js';

const redactor = createRedactor();
const gutter = (text: string) =>
  text
    .replace(/\n$/, '')
    .split('\n')
    .map((l, i) => numberLine(i + 1, l))
    .join('\n');

describe('redaction corpus', () => {
  it('holds at least 60 secrets and 40 look-alikes, and every built-in kind has cases', () => {
    expect(SECRETS.length).toBeGreaterThanOrEqual(60);
    expect(LOOKALIKES.length).toBeGreaterThanOrEqual(40);
    const kinds = new Set(SECRETS.map((s) => s.kind));
    for (const d of BUILTIN_DETECTORS) for (const k of d.kinds) expect(kinds, k).toContain(k);
  });

  describe.each(SECRETS.map((s, i) => [`${i} ${s.kind}`, s] as const))('secret %s', (_name, s) => {
    it('is replaced by its placeholder', () => {
      const out = redactor.redact(s.text);
      for (const secret of s.secrets) expect(out.text).not.toContain(secret);
      expect(out.text).toContain(`[REDACTED:${s.kind}]`);
      expect(out.counts[s.kind]).toBeGreaterThan(0);
    });
    it('is replaced when shown by Read (line-number gutter)', () => {
      const out = redactor.redact(gutter(s.text));
      for (const secret of s.secrets) expect(out.text).not.toContain(secret);
    });
  });

  describe.each(LOOKALIKES.map((l, i) => [`${i} ${l.why}`, l] as const))('look-alike %s', (_name, l) => {
    it('survives unchanged', () => {
      expect(redactor.redact(l.text)).toEqual({ text: l.text, counts: {}, total: 0 });
      expect(redactor.redact(gutter(l.text)).total).toBe(0);
    });
  });
});
