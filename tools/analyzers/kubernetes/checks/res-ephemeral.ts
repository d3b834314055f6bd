import { containerIssue, describeContainer } from '../model.js';
import { hasQuantity } from '../quantity.js';
import type { K8sCheck, K8sIssue } from '../types.js';

export const check: K8sCheck = {
  id: 'K8S-RES-EPHEMERAL',
  severity: 'info',
  title: 'Ephemeral storage request or limit missing',
  aliases: ['kube-score:container-ephemeral-storage-request-and-limit'],
  optional: true,
  helpUri: 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
  check: (ctx) => {
    const out: K8sIssue[] = [];
    for (const c of ctx.containers) {
      if (c.kind === 'ephemeralContainers') continue;
      if (!hasQuantity(c.container, 'limits', 'ephemeral-storage')) out.push(containerIssue(c, ['resources', 'limits'], `${describeContainer(c)} has no ephemeral-storage limit: a full log or /tmp can fill the node disk`));
      else if (!hasQuantity(c.container, 'requests', 'ephemeral-storage')) out.push({ ...containerIssue(c, ['resources', 'requests'], `${describeContainer(c)} has an ephemeral-storage limit but no request: the request then defaults to the whole limit; say what it needs`), severity: 'style' });
    }
    return out;
  },
};
