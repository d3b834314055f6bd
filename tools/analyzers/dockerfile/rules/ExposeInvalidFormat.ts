import { hitAt } from '../rule.js';
import type { Rule, RuleHit } from '../rule.js';

export const ExposeInvalidFormat: Rule = {
  id: 'ExposeInvalidFormat',
  severity: 'warning',
  description: 'EXPOSE takes container ports only: no IP address or host port mapping.',
  aliases: [],
  check({ model }) {
    const hits: RuleHit[] = [];
    for (const instr of model.all.filter((i) => i.keyword === 'EXPOSE')) {
      for (const arg of instr.node.getArguments()) {
        const v = arg.getValue();
        if (!v.includes('$') && v.split('/')[0].includes(':')) hits.push(hitAt(instr, `EXPOSE ${v}: publish host ports at run time, expose only the container port`));
      }
    }
    return hits;
  },
};
