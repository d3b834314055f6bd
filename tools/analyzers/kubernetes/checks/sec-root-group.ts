import { containerIssue, describe, describeContainer, getIn, podIssue } from '../model.js';
import type { K8sCheck, K8sIssue } from '../types.js';

export const check: K8sCheck = {
  id: 'K8S-SEC-ROOT-GROUP',
  severity: 'warning',
  title: 'Runs with the root group (GID 0)',
  aliases: ['KSV-0116'],
  check: (ctx) => {
    const out: K8sIssue[] = [];
    for (const p of ctx.pods) {
      for (const field of ['runAsGroup', 'fsGroup']) {
        if (getIn(p.spec, ['securityContext', field]) === 0) out.push(podIssue(p, ['securityContext', field], `${describe(p.object)} sets ${field} 0: files and processes get the root group`));
      }
      const supplemental = getIn(p.spec, ['securityContext', 'supplementalGroups']);
      if (Array.isArray(supplemental) && supplemental.includes(0)) out.push(podIssue(p, ['securityContext', 'supplementalGroups'], `${describe(p.object)} adds the root group (0) to supplementalGroups`));
    }
    for (const c of ctx.containers) {
      if (getIn(c.container, ['securityContext', 'runAsGroup']) === 0) out.push(containerIssue(c, ['securityContext', 'runAsGroup'], `${describeContainer(c)} sets runAsGroup 0 (root group)`));
    }
    return out;
  },
};
