import { hitAt } from '../rule.js';
import type { Rule } from '../rule.js';

export const DL3066: Rule = {
  id: 'DL3066',
  severity: 'info',
  description: 'Use a numeric USER id: names may not resolve on the host or in Kubernetes runAsNonRoot checks.',
  aliases: [],
  check({ model }) {
    return model.all
      .filter((i) => i.keyword === 'USER')
      .filter((i) => {
        const user = (i.node.getArgumentsContent() ?? '').split(':')[0].trim();
        return user !== '' && !/^\d+$/.test(user) && !user.includes('$');
      })
      .map((i) => hitAt(i, `USER ${i.node.getArgumentsContent()} is a name: prefer a numeric UID (e.g. USER 10001)`));
  },
};
