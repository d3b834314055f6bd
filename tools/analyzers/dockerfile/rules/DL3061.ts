import { hitAt } from '../rule.js';
import type { Rule } from '../rule.js';

export const DL3061: Rule = {
  id: 'DL3061',
  severity: 'error',
  description: 'A Dockerfile must begin with FROM or ARG (after comments and parser directives).',
  aliases: [],
  check({ model }) {
    const first = model.instructions[0];
    if (!first || first.keyword === 'FROM') return [];
    const before = model.instructions.findIndex((i) => i.keyword === 'FROM');
    const upTo = before < 0 ? model.instructions : model.instructions.slice(0, before);
    const bad = upTo.find((i) => i.keyword !== 'ARG');
    return bad ? [hitAt(bad, `${bad.keyword} before the first FROM: only ARG may come first`)] : [];
  },
};
