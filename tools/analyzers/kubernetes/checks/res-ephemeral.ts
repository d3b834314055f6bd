import { containerIssue, describeContainer, getIn } from '../model.js';
import type { K8sCheck, K8sIssue } from '../types.js';

export const check: K8sCheck = {
  id: 'K8S-RES-EPHEMERAL',
  severity: 'info',
  title: 'Ephemeral storage limit missing',
  aliases: ['kube-score:container-ephemeral-storage-request-and-limit'],
  optional: true,
  helpUri: 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
  check: (ctx) => {
    const out: K8sIssue[] = [];
    for (const c of ctx.containers) {
      if (c.kind === 'ephemeralContainers') continue;
      const missing = ['ephemeral-storage'].filter((r) => getIn(c.container, ['resources', 'limits', r]) === undefined);
      if (missing.length) out.push(containerIssue(c, ['resources', 'limits'], `${describeContainer(c)} has no ephemeral-storage limit: a full log or /tmp can fill the node disk`));
    }
    return out;
  },
};
