import { LONG_RUNNING_KINDS, containerIssue, describeContainer, regularContainers } from '../model.js';
import type { K8sCheck } from '../types.js';

export const check: K8sCheck = {
  id: 'K8S-REL-READINESS',
  severity: 'warning',
  title: 'No readinessProbe',
  aliases: ['CKV_K8S_9', 'kube-score:pod-probes', 'polaris:readinessProbeMissing'],
  helpUri: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/',
  check: (ctx) =>
    regularContainers(ctx)
      .filter((c) => LONG_RUNNING_KINDS.has(c.pod.object.kind) && c.container.readinessProbe === undefined)
      .map((c) => containerIssue(c, ['readinessProbe'], `${describeContainer(c)} has no readinessProbe: traffic reaches it before it is ready`)),
};
