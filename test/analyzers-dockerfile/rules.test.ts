import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeDockerfile, dockerfileRules, fixDockerfile } from '../../tools/analyzers/dockerfile/index.js';
import type { RuleCases } from './cases.js';
import { PINS } from './pins.js';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'rules');
const tables = new Map<string, RuleCases>();
for (const file of readdirSync(dir).filter((f) => f.endsWith('.cases.ts')).sort()) {
  tables.set(file.replace(/\.cases\.ts$/, ''), (await import(path.join(dir, file))).default as RuleCases);
}

describe('rule case tables', () => {
  it('every rule has a table with bad and good cases, and a fix case when it can fix', () => {
    for (const rule of dockerfileRules) {
      const t = tables.get(rule.id);
      expect(t, `missing test/analyzers-dockerfile/rules/${rule.id}.cases.ts`).toBeDefined();
      expect(t!.bad.length, `${rule.id} has no bad case`).toBeGreaterThan(0);
      expect(t!.good.length, `${rule.id} has no good case`).toBeGreaterThan(0);
      if (rule.fixable) expect(t!.fixes?.length ?? 0, `${rule.id} can fix but has no fix case`).toBeGreaterThan(0);
    }
    expect([...tables.keys()].filter((id) => !dockerfileRules.some((r) => r.id === id))).toEqual([]);
  });

  it('every pin in pins.ts belongs to a bad case without a message of its own', () => {
    const unpinned = new Set([...tables].flatMap(([id, t]) => t.bad.flatMap((c, n) => (c.message ? [] : [`${id}/${n + 1}`]))));
    expect(Object.keys(PINS).filter((k) => !unpinned.has(k))).toEqual([]);
  });
});

for (const [id, table] of tables) {
  describe(id, () => {
    table.bad.forEach((c, n) => {
      it(`catches bad case ${n + 1}`, async () => {
        const findings = (await analyzeDockerfile(c.src, { file: 'Dockerfile', config: c.config ?? table.config, project: c.project })).filter((f) => f.rule === id);
        expect(findings.length, `${id} bad case ${n + 1}:\n${c.src}`).toBe(c.count ?? 1);
        expect(findings[0].line).toBe(c.line);
        if (c.message) expect(findings[0].message).toContain(c.message);
        // A case without a message of its own has its whole message pinned (pins.ts).
        else expect(findings[0].message, `no message in the case and no pin in pins.ts for ${id}/${n + 1}`).toBe(PINS[`${id}/${n + 1}`]);
      });
    });
    table.good.forEach((g, n) => {
      const c = typeof g === 'string' ? { src: g, project: undefined } : g;
      it(`accepts good case ${n + 1}`, async () => {
        const findings = (await analyzeDockerfile(c.src, { file: 'Dockerfile', config: c.config ?? table.config, project: c.project })).filter((f) => f.rule === id);
        expect(findings, `${id} good case ${n + 1}:\n${c.src}`).toEqual([]);
      });
    });
    (table.fixes ?? []).forEach((c, n) => {
      it(`fixes case ${n + 1} and the result is clean for the rule`, async () => {
        const config = c.config ?? table.config;
        const result = await fixDockerfile(c.src, { file: 'Dockerfile', config, rules: [id] });
        expect(result.text).toBe(c.out);
        if (c.out !== c.src) expect(result.changes.length).toBeGreaterThan(0);
        const after = (await analyzeDockerfile(result.text, { file: 'Dockerfile', config })).filter((f) => f.rule === id || f.rule === 'DL1000');
        expect(after.filter((f) => f.rule === 'DL1000')).toEqual([]);
        if (c.out !== c.src) expect(after).toEqual([]);
      });
    });
  });
}
