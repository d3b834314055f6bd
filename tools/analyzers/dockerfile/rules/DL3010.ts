import { hitAt } from '../rule.js';
import type { Rule, RuleHit } from '../rule.js';
import { ARCHIVE, copyArgs } from '../lib/copy.js';
import { flagNames } from '../lib/commands.js';

export const DL3010: Rule = {
  id: 'DL3010',
  severity: 'info',
  description: 'A local archive copied and then extracted with tar: ADD extracts it in one step.',
  aliases: [],
  check({ model }) {
    const hits: RuleHit[] = [];
    const runs = model.runs();
    for (const instr of model.instructions.filter((i) => i.keyword === 'COPY')) {
      const { sources, from, heredoc } = copyArgs(instr);
      if (from || heredoc) continue;
      for (const source of sources.filter((s) => ARCHIVE.test(s) && !s.includes('*'))) {
        const base = source.split('/').pop()!;
        const extracted = runs.some(
          (r) =>
            r.instr.stage === instr.stage &&
            r.instr.start > instr.start &&
            r.analysis.commands.some((c) => c.name === 'tar' && (flagNames(c).includes('x') || /^x/.test(c.args[0]?.value ?? '')) && c.args.some((a) => a.value.endsWith(base))),
        );
        if (extracted) hits.push(hitAt(instr, `${base} is copied then extracted: ADD ${source} <dir> extracts it directly`));
      }
    }
    return hits;
  },
};
