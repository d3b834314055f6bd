import { containerIssue, describeContainer, getIn } from '../model.js';
import type { K8sCheck, K8sIssue } from '../types.js';

export const check: K8sCheck = {
  id: 'K8S-RES-MEM-LIMIT',
  severity: 'warning',
  title: 'Memory limit missing',
  aliases: ['KSV-0018', 'CKV_K8S_13', 'kube-score:container-resources', 'polaris:memoryLimitsMissing', 'kubesec:LimitsMemory'],
  helpUri: 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
  check: (ctx) => {
    const out: K8sIssue[] = [];
    for (const c of ctx.containers) {
      if (c.kind === 'ephemeralContainers') continue;
      const missing = ['memory'].filter((r) => getIn(c.container, ['resources', 'limits', r]) === undefined);
      if (missing.length) out.push(containerIssue(c, ['resources', 'limits'], `${describeContainer(c)} has no memory limit: one leak can starve the node`));
    }
    return out;
  },
};
