import { hitAt } from '../rule.js';
import type { Rule } from '../rule.js';
import { copyArgs } from '../lib/copy.js';

export const DL3022: Rule = {
  id: 'DL3022',
  severity: 'warning',
  description: 'COPY --from should name a stage defined earlier (or an image reference).',
  aliases: [],
  check({ model }) {
    return model.all
      .filter((i) => i.keyword === 'COPY' && !i.onbuild)
      .filter((i) => {
        const from = copyArgs(i).from;
        if (!from || from.includes('$') || from.includes(':') || from.includes('/')) return false;
        const current = i.stage?.index ?? 0;
        if (/^\d+$/.test(from)) return Number(from) >= current;
        return !model.stages.some((s) => s.index < current && s.name?.toLowerCase() === from.toLowerCase());
      })
      .map((i) => hitAt(i, `COPY --from=${copyArgs(i).from} does not name an earlier stage`));
  },
};
