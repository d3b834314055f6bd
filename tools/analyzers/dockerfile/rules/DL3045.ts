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
      .filter((i) => i.keyword === 'COPY')
      .filter((i) => {
        const { dest, heredoc } = copyArgs(i);
        if (heredoc || !dest || isAbsolutePath(dest)) return false;
        // A COPY before any FROM (a fragment) has no WORKDIR either, as hadolint reads it.
        if (!i.stage) return !model.instructions.some((w) => w.keyword === 'WORKDIR' && w.start < i.start);
        const stages = model.lineage(i.stage);
        return !stages.some((s) => s.instructions.some((w) => w.keyword === 'WORKDIR' && (s !== i.stage || w.start < i.start)));
      })
      .map((i) => hitAt(i, `COPY to relative "${copyArgs(i).dest}" with no WORKDIR set: set WORKDIR or use an absolute path`));
  },
};
