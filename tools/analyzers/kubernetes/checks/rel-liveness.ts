import { LONG_RUNNING_KINDS, containerIssue, describeContainer, regularContainers } from '../model.js';
import type { K8sCheck } from '../types.js';

export const check: K8sCheck = {
  id: 'K8S-REL-LIVENESS',
  severity: 'info',
  title: 'No livenessProbe',
  // Not kube-score's pod-probes: kube-score grades a missing livenessProbe "almost OK", which it does not report.
  aliases: ['CKV_K8S_8', 'polaris:livenessProbeMissing'],
  helpUri: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/',
  check: (ctx) =>
    regularContainers(ctx)
      .filter((c) => LONG_RUNNING_KINDS.has(c.pod.object.kind) && c.container.livenessProbe == null)
      .map((c) => containerIssue(c, ['livenessProbe'], `${describeContainer(c)} has no livenessProbe: a hung process is never restarted`)),
};
