import { hitAt } from '../rule.js';
import type { Rule, Instr } from '../rule.js';

function flagsOf(i: Instr): string {
  const node = i.node as unknown as { getFlags?: () => { toString(): string }[] };
  return (node.getFlags?.() ?? []).map(String).sort().join(' ');
}

export const DL3059: Rule = {
  id: 'DL3059',
  severity: 'info',
  description: 'Consecutive RUN instructions: consider merging them into one layer.',
  aliases: [],
  check({ model }) {
    const list = model.instructions;
    return list
      .filter((i, n) => n > 0 && i.keyword === 'RUN' && list[n - 1].keyword === 'RUN' && flagsOf(i) === flagsOf(list[n - 1]))
      .map((i) => hitAt(i, 'RUN right after another RUN: consider consolidating them'));
  },
};
