import { containerIssue, describeContainer } from '../model.js';
import type { K8sCheck, K8sIssue } from '../types.js';

export const check: K8sCheck = {
  id: 'K8S-ENV-DUP',
  severity: 'warning',
  title: 'Environment variable defined twice',
  aliases: ['kube-score:environment-variable-key-duplication'],
  check: (ctx) => {
    const out: K8sIssue[] = [];
    for (const c of ctx.containers) {
      const env = Array.isArray(c.container.env) ? c.container.env : [];
      const seen = new Set<string>();
      env.forEach((e: { name?: unknown }, i: number) => {
        if (!e || typeof e.name !== 'string') return;
        if (seen.has(e.name)) out.push(containerIssue(c, ['env', i, 'name'], `${describeContainer(c)} defines env ${e.name} more than once: only the last one counts`));
        seen.add(e.name);
      });
    }
    return out;
  },
};
