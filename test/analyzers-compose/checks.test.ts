import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeCompose, composeChecks } from '../../tools/analyzers/compose/index.js';
import type { CaseTable } from './helpers.js';
import { PINS } from './pins.js';

const casesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'cases');
const tables: CaseTable[] = await Promise.all(
  readdirSync(casesDir)
    .filter((f) => f.endsWith('.ts'))
    .sort()
    .map(async (f) => (await import(path.join(casesDir, f))).default as CaseTable),
);

describe('every Compose check has its case table', () => {
  it('with a bad and a good case, unique ids', () => {
    const byRule = new Map(tables.map((t) => [t.rule, t]));
    for (const check of composeChecks) {
      const t = byRule.get(check.id);
      expect(t, `no case table for ${check.id}`).toBeDefined();
      expect(t!.cases.some((c) => c.count > 0)).toBe(true);
      expect(t!.cases.some((c) => c.count === 0)).toBe(true);
    }
    expect(new Set(composeChecks.map((c) => c.id)).size).toBe(composeChecks.length);
    const modules = readdirSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '../../tools/analyzers/compose/checks')).filter((f) => f.endsWith('.ts'));
    expect(composeChecks).toHaveLength(modules.length);
  });
});

for (const t of tables) {
  describe(t.rule, () => {
    it.each(t.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
      const findings = analyzeCompose(c.yaml, { file: 'compose.yaml' });
      const mine = findings.filter((f) => f.rule === t.rule);
      expect(mine.map((f) => `${f.line}:${f.column} ${f.message}`), c.yaml).toHaveLength(c.count);
      if (c.at) expect({ line: mine[0].line, column: mine[0].column }).toEqual(c.at);
      // Every bad case pins where its first finding is and what it says (pins.ts).
      if (c.count > 0) {
        const pin = PINS[`${t.rule}/${c.name}`];
        expect(pin, `no pin in pins.ts for ${t.rule}/${c.name}`).toBeDefined();
        expect([mine[0].line, mine[0].column, mine[0].message]).toEqual(pin);
      }
      if (c.severity) expect(mine[0].severity).toBe(c.severity);
      expect(findings.filter((f) => f.rule.startsWith('YAML') || f.rule.startsWith('COMPOSE-SCHEMA'))).toEqual([]);
    });
  });
}

it('every pin in pins.ts belongs to a bad case', () => {
  const bad = new Set(tables.flatMap((t) => t.cases.filter((c) => c.count > 0).map((c) => `${t.rule}/${c.name}`)));
  expect(Object.keys(PINS).filter((k) => !bad.has(k))).toEqual([]);
});
