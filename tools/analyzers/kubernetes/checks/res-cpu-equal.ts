import { containerIssue, describeContainer } from '../model.js';
import { quantityOf, sameQuantity } from '../quantity.js';
import type { K8sCheck } from '../types.js';

export const check: K8sCheck = {
  id: 'K8S-RES-CPU-EQUAL',
  severity: 'info',
  title: 'CPU request differs from the CPU limit',
  // kube-score's container-resource-requests-equal-limits is this check and K8S-RES-MEM-EQUAL together.
  aliases: ['kube-score:container-cpu-requests-equal-limits', 'kube-score:container-resource-requests-equal-limits'],
  optional: true,
  helpUri: 'https://kubernetes.io/docs/concepts/workloads/pods/pod-qos/#guaranteed',
  check: (ctx) =>
    ctx.containers
      .filter((c) => c.kind !== 'ephemeralContainers' && !sameQuantity(quantityOf(c.container, 'requests', 'cpu'), quantityOf(c.container, 'limits', 'cpu')))
      .map((c) => containerIssue(c, ['resources'], `${describeContainer(c)} requests a different amount of CPU than its limit: spikes borrow CPU the node may not have (set requests.cpu == limits.cpu)`)),
};
