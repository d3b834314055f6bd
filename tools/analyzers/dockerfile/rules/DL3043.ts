import { hitAt } from '../rule.js';
import type { Rule } from '../rule.js';

export const DL3043: Rule = {
  id: 'DL3043',
  severity: 'error',
  description: 'ONBUILD cannot trigger ONBUILD, FROM or MAINTAINER.',
  aliases: [],
  check({ model }) {
    return model.all
      .filter((i) => i.onbuild && ['ONBUILD', 'FROM', 'MAINTAINER'].includes(i.keyword))
      .map((i) => hitAt(i.onbuild!, `ONBUILD ${i.keyword} is not allowed`));
  },
};
