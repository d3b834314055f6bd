import type { Env } from 'dockerfile-ast';
import { hitAt } from '../rule.js';
import type { Rule, RuleHit } from '../rule.js';

export const DL3044: Rule = {
  id: 'DL3044',
  severity: 'error',
  description: 'Do not refer to a variable defined in the same ENV instruction: it is not set yet.',
  aliases: [],
  check({ model }) {
    const hits: RuleHit[] = [];
    const known = new Set<string>();
    for (const instr of model.all) {
      if (instr.keyword === 'FROM') known.clear();
      if (instr.keyword === 'ARG') for (const p of (instr.node as Env).getProperties()) known.add(p.getName());
      if (instr.keyword !== 'ENV') continue;
      const props = (instr.node as Env).getProperties();
      const defined: string[] = [];
      for (const p of props) {
        const value = p.getValue() ?? '';
        const used = [...value.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]);
        const self = used.find((u) => defined.includes(u) && !known.has(u));
        if (self) hits.push(hitAt(instr, `${p.getName()} uses $${self}, which this same ENV defines: split the ENV`));
        defined.push(p.getName());
      }
      for (const d of defined) known.add(d);
    }
    return hits;
  },
};
