import { hitAt } from '../rule.js';
import type { Rule } from '../rule.js';
import { copyArgs } from '../lib/copy.js';

export const DL3067: Rule = {
  id: 'DL3067',
  severity: 'warning',
  description: 'Do not copy the whole filesystem of another stage (COPY --from=x / ...).',
  aliases: [],
  check({ model }) {
    return model.all
      .filter((i) => i.keyword === 'COPY')
      .filter((i) => {
        const { from, sources } = copyArgs(i);
        return !!from && sources.some((s) => /^\/(\.|\*)?$/.test(s));
      })
      .map((i) => hitAt(i, 'COPY --from copies the whole root filesystem: copy only the artifacts you need'));
  },
};
