import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeKubernetes, kubernetesChecks } from '../../tools/analyzers/kubernetes/index.js';
import type { CaseTable } from './helpers.js';
import { PINS } from './pins.js';

const casesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'cases');
const tables: CaseTable[] = await Promise.all(
  readdirSync(casesDir)
    .filter((f) => f.endsWith('.ts'))
    .sort()
    .map(async (f) => (await import(path.join(casesDir, f))).default as CaseTable),
);

describe('every Kubernetes check has its case table', () => {
  it('with a bad and a good case', () => {
    const byRule = new Map(tables.map((t) => [t.rule, t]));
    for (const check of kubernetesChecks) {
      const t = byRule.get(check.id);
      expect(t, `no case table for ${check.id}`).toBeDefined();
      expect(t!.cases.some((c) => c.count > 0), `${check.id} has no bad case`).toBe(true);
      expect(t!.cases.some((c) => c.count === 0), `${check.id} has no good case`).toBe(true);
    }
    expect(kubernetesChecks.length).toBeGreaterThanOrEqual(40);
  });

  it('the registry lists every module of checks/', () => {
    const modules = readdirSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '../../tools/analyzers/kubernetes/checks')).filter((f) => f.endsWith('.ts') && f !== 'sensitive.ts');
    expect(kubernetesChecks).toHaveLength(modules.length);
  });

  it('a finding carries only aliases of its check', () => {
    const all = analyzeKubernetes(tables.flatMap((t) => t.cases.map((c, i) => ({ file: `${t.rule}-${i}.yaml`, text: c.yaml }))), { enable: new Set(kubernetesChecks.map((c) => c.id)) });
    const byId = new Map(kubernetesChecks.map((c) => [c.id, c]));
    for (const f of all) {
      const check = byId.get(f.rule);
      if (check) for (const a of f.aliases) expect(check.aliases, `${f.rule}: ${a}`).toContain(a);
    }
  });

  it('each check id is unique and carries upstream aliases', () => {
    const ids = kubernetesChecks.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of kubernetesChecks) expect(c.aliases.length, c.id).toBeGreaterThan(0);
  });
});

for (const t of tables) {
  describe(t.rule, () => {
    it.each(t.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
      const findings = analyzeKubernetes([{ file: 'case.yaml', text: c.yaml }], { ...c.opts, enable: new Set(c.enable ?? []), trustedRegistries: c.trustedRegistries });
      const mine = findings.filter((f) => f.rule === t.rule);
      expect(mine.map((f) => `${f.line}:${f.column} ${f.message}`), c.yaml).toHaveLength(c.count);
      if (c.at) expect({ line: mine[0].line, column: mine[0].column }).toEqual(c.at);
      // Every bad case pins where its first finding is and what it says (pins.ts).
      if (c.count > 0) {
        const pin = PINS[`${t.rule}/${c.name}`];
        expect(pin, `no pin in pins.ts for ${t.rule}/${c.name}`).toBeDefined();
        expect([mine[0].line, mine[0].column, mine[0].message]).toEqual(pin);
      }
      if (c.aliases) for (const f of mine) expect([...f.aliases].sort()).toEqual([...c.aliases].sort());
      // Case manifests are valid apart from what they test: no YAML errors.
      expect(findings.filter((f) => f.rule === 'YAML-PARSE')).toEqual([]);
    });
  });
}

it('every pin in pins.ts belongs to a bad case', () => {
  const bad = new Set(tables.flatMap((t) => t.cases.filter((c) => c.count > 0).map((c) => `${t.rule}/${c.name}`)));
  expect(Object.keys(PINS).filter((k) => !bad.has(k))).toEqual([]);
});
