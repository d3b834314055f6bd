import { hitAt } from '../rule.js';
import type { Rule } from '../rule.js';

export const DE1013: Rule = {
  id: 'DE1013',
  severity: 'warning',
  description: 'Port 22 (SSH) is exposed: containers should not run an SSH server.',
  aliases: ['CKV_DOCKER_1', 'DS-0004', 'AVD-DS-0004'],
  check({ model }) {
    return model.all
      .filter((i) => i.keyword === 'EXPOSE' && i.node.getArguments().some((a) => a.getValue().split('/')[0].split(':').pop() === '22'))
      .map((i) => hitAt(i, 'EXPOSE 22: do not run sshd in a container; use docker exec / kubectl exec'));
  },
};
