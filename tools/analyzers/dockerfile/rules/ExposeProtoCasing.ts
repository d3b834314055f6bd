import type { Rule, RuleHit } from '../rule.js';

export const ExposeProtoCasing: Rule = {
  id: 'ExposeProtoCasing',
  severity: 'warning',
  description: 'EXPOSE protocols should be lower case (`80/tcp`).',
  aliases: [],
  check({ model }) {
    const hits: RuleHit[] = [];
    for (const instr of model.all.filter((i) => i.keyword === 'EXPOSE')) {
      for (const arg of instr.node.getArguments()) {
        const proto = arg.getValue().split('/')[1];
        if (proto && proto !== proto.toLowerCase()) hits.push({ offset: model.src.offsetAt(arg.getRange().start), instr, message: `protocol in ${arg.getValue()} should be lower case`, data: arg });
      }
    }
    return hits;
  },
  fix({ model }, hit) {
    const arg = hit.data as { getValue(): string; getRange(): import('../source.js').Range };
    const [start, end] = model.src.rangeOffsets(arg.getRange());
    return { description: `${arg.getValue()} -> ${arg.getValue().toLowerCase()}`, edits: [{ start, end, text: arg.getValue().toLowerCase() }] };
  },
};
