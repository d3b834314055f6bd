import { hitAt } from '../rule.js';
import type { Rule, RuleHit } from '../rule.js';

export const DL3011: Rule = {
  id: 'DL3011',
  severity: 'error',
  description: 'EXPOSE ports must be in the range 0-65535.',
  aliases: ['DS-0008', 'AVD-DS-0008'],
  check({ model }) {
    const hits: RuleHit[] = [];
    for (const instr of model.all.filter((i) => i.keyword === 'EXPOSE')) {
      for (const arg of instr.node.getArguments()) {
        const v = arg.getValue();
        if (v.includes('$')) continue;
        const ports = v.split('/')[0].split(':').pop()!.split('-');
        if (ports.some((p) => /^\d+$/.test(p) && Number(p) > 65535)) hits.push(hitAt(instr, `port ${v} is outside 0-65535`));
      }
    }
    return hits;
  },
};
