import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeDockerfile, fixDockerfile } from '../../tools/analyzers/dockerfile/index.js';

const CORPUS = path.resolve(process.env.DOCKER_EXPERT_CORPUS ?? '/work/shared/corpus', 'dockerfiles');
const present = existsSync(CORPUS);
if (!present) console.warn(`[analyzers-dockerfile] corpus not found at ${CORPUS}: corpus tests skipped`);
const files = present ? readdirSync(CORPUS).sort() : [];
/** Fix round trips run on every Nth fixable file here (the bench runs them on all): the machine is shared. */
const FIX_SAMPLE_EVERY = 3;
/** The rules only: ShellCheck (a process per file) has its own corpus test in shellcheck.test.ts. */
const RULES_ONLY = { shellcheck: false } as const;

describe.skipIf(!present)('Dockerfile corpus', () => {
  it('analyses every corpus Dockerfile without a crash, and fixes a third of the fixable ones without corrupting them (fixing twice changes nothing more)', { timeout: 180_000 }, async () => {
    expect(files.length).toBeGreaterThanOrEqual(300);
    let total = 0;
    let changed = 0;
    let changes = 0;
    let fixable = 0;
    for (const name of files) {
      const text = readFileSync(path.join(CORPUS, name), 'utf8');
      const before = await analyzeDockerfile(text, { file: name, ...RULES_ONLY });
      expect(before.filter((f) => f.message.startsWith('internal error')), name).toEqual([]);
      for (const f of before) {
        expect(f.line, `${name} ${f.rule}`).toBeGreaterThan(0);
        expect(f.column, `${name} ${f.rule}`).toBeGreaterThan(0);
      }
      total += before.length;
      if (!before.some((f) => f.fixable) || fixable++ % FIX_SAMPLE_EVERY !== 0) continue;
      const fixed = await fixDockerfile(text, { file: name });
      if (fixed.text === text) continue;
      changed++;
      changes += fixed.changes.length;
      const after = await analyzeDockerfile(fixed.text, { file: name, ...RULES_ONLY });
      expect(after.filter((f) => f.rule === 'DL1000').length, name).toBeLessThanOrEqual(before.filter((f) => f.rule === 'DL1000').length);
      expect(after.filter((f) => f.fixable).length, name).toBeLessThan(before.filter((f) => f.fixable).length);
      const again = await fixDockerfile(fixed.text, { file: name });
      expect(again.text, `${name} is not stable after one fix run: ${JSON.stringify(again.changes)}`).toBe(fixed.text);
    }
    expect(total).toBeGreaterThan(files.length);
    expect(changed).toBeGreaterThan(40);
    expect(changes).toBeGreaterThan(changed);
  });
});
