import { hitAt } from '../rule.js';
import type { Rule } from '../rule.js';
import { copyArgs } from '../lib/copy.js';

export const DL3023: Rule = {
  id: 'DL3023',
  severity: 'error',
  description: 'COPY --from cannot reference the stage it is in.',
  aliases: ['DS-0006', 'AVD-DS-0006'],
  check({ model }) {
    return model.all
      .filter((i) => i.keyword === 'COPY' && !i.onbuild && i.stage)
      .filter((i) => {
        const from = copyArgs(i).from?.toLowerCase();
        return !!from && (from === i.stage!.name?.toLowerCase() || from === String(i.stage!.index));
      })
      .map((i) => hitAt(i, 'COPY --from refers to its own stage'));
  },
};
