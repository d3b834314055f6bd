import { containerIssue, describeContainer } from '../model.js';
import { quantityOf, sameQuantity } from '../quantity.js';
import type { K8sCheck } from '../types.js';

export const check: K8sCheck = {
  id: 'K8S-RES-MEM-EQUAL',
  severity: 'info',
  title: 'Memory request differs from the memory limit',
  // kube-score's container-resource-requests-equal-limits is this check and K8S-RES-CPU-EQUAL together.
  aliases: ['kube-score:container-memory-requests-equal-limits', 'kube-score:container-resource-requests-equal-limits'],
  optional: true,
  helpUri: 'https://kubernetes.io/docs/concepts/workloads/pods/pod-qos/#guaranteed',
  check: (ctx) =>
    ctx.containers
      .filter((c) => c.kind !== 'ephemeralContainers' && !sameQuantity(quantityOf(c.container, 'requests', 'memory'), quantityOf(c.container, 'limits', 'memory')))
      .map((c) => containerIssue(c, ['resources'], `${describeContainer(c)} requests a different amount of memory than its limit: under memory pressure the node evicts first the pods that use more than they requested (set requests.memory == limits.memory)`)),
};
