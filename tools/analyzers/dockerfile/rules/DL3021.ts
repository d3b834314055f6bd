import { hitAt } from '../rule.js';
import type { Rule } from '../rule.js';
import { copyArgs } from '../lib/copy.js';

export const DL3021: Rule = {
  id: 'DL3021',
  severity: 'error',
  description: 'COPY with more than one source needs a destination ending in `/`.',
  aliases: ['DS-0011', 'AVD-DS-0011'],
  check({ model }) {
    return model.all
      .filter((i) => i.keyword === 'COPY' || i.keyword === 'ADD')
      .filter((i) => {
        const { sources, dest, heredoc } = copyArgs(i);
        return !heredoc && sources.length > 1 && dest !== undefined && !dest.endsWith('/') && !dest.includes('$');
      })
      .map((i) => hitAt(i, `${i.keyword} with several sources: end the destination with "/"`));
  },
};
