import type { Rule, RuleHit } from '../rule.js';

export const NoEmptyContinuation: Rule = {
  id: 'NoEmptyContinuation',
  severity: 'warning',
  description: 'Empty lines inside a continued instruction are deprecated.',
  aliases: [],
  check({ model }) {
    const hits: RuleHit[] = [];
    const src = model.src;
    for (const instr of model.instructions) {
      const first = src.positionAt(instr.start).line;
      const last = src.positionAt(instr.end).line;
      if (last === first) continue;
      if (instr.keyword === 'RUN' || instr.keyword === 'COPY') {
        const node = instr.node as unknown as { getHeredocs(): unknown[] };
        if (node.getHeredocs().length) continue;
      }
      for (let line = first + 1; line < last; line++) {
        const from = src.lineStarts[line];
        const to = src.lineStarts[line + 1] ?? src.text.length;
        if (src.text.slice(from, to).trim() === '') hits.push({ offset: src.lineStarts[line], instr, message: 'empty line inside a continued instruction', data: line });
      }
    }
    return hits;
  },
  fix({ model }, hit) {
    const line = hit.data as number;
    const start = model.src.lineStarts[line];
    const end = model.src.lineStarts[line + 1];
    if (end === undefined) return undefined;
    return { description: 'removed an empty continuation line', edits: [{ start, end, text: '' }] };
  },
};
