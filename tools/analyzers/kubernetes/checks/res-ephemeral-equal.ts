import { containerIssue, describeContainer } from '../model.js';
import { hasQuantity, quantityOf, sameQuantity } from '../quantity.js';
import type { K8sCheck } from '../types.js';

export const check: K8sCheck = {
  id: 'K8S-RES-EPHEMERAL-EQUAL',
  severity: 'info',
  title: 'Ephemeral storage request differs from its limit',
  aliases: ['kube-score:container-ephemeral-storage-request-equals-limit'],
  optional: true,
  helpUri: 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#local-ephemeral-storage',
  // Only when both are set: a missing one is K8S-RES-EPHEMERAL's.
  check: (ctx) =>
    ctx.containers
      .filter(
        (c) =>
          c.kind !== 'ephemeralContainers' &&
          hasQuantity(c.container, 'requests', 'ephemeral-storage') &&
          hasQuantity(c.container, 'limits', 'ephemeral-storage') &&
          !sameQuantity(quantityOf(c.container, 'requests', 'ephemeral-storage'), quantityOf(c.container, 'limits', 'ephemeral-storage')),
      )
      .map((c) => containerIssue(c, ['resources', 'requests', 'ephemeral-storage'], `${describeContainer(c)} requests less ephemeral storage than its limit: the node may run out of disk before the limit evicts it`)),
};
