import { hitAt } from '../rule.js';
import type { Rule } from '../rule.js';
import { copyArgs } from '../lib/copy.js';
import { isAbsolutePath } from './DL3000.js';

export const DL3045: Rule = {
  id: 'DL3045',
  severity: 'warning',
  description: 'COPY to a relative destination without a WORKDIR set in the stage.',
  aliases: [],
  check({ model }) {
    return model.instructions
      .filter((i) => i.keyword === 'COPY' && i.stage)
      .filter((i) => {
        const { dest, heredoc } = copyArgs(i);
        if (heredoc || !dest || isAbsolutePath(dest)) return false;
        const stages = model.lineage(i.stage!);
        return !stages.some((s) => s.instructions.some((w) => w.keyword === 'WORKDIR' && (s !== i.stage || w.start < i.start)));
      })
      .map((i) => hitAt(i, `COPY to relative "${copyArgs(i).dest}" with no WORKDIR set: set WORKDIR or use an absolute path`));
  },
};
