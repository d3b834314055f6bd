import { describe, podIssue } from '../model.js';
import type { K8sCheck } from '../types.js';

export const check: K8sCheck = {
  id: 'K8S-REL-PRIORITY-CLASS',
  severity: 'info',
  title: 'No priorityClassName',
  aliases: ['polaris:priorityClassNotSet'],
  // Whether a workload needs a priority depends on the cluster's classes: a reminder, off unless enabled.
  optional: true,
  helpUri: 'https://kubernetes.io/docs/concepts/scheduling-eviction/pod-priority-preemption/',
  check: (ctx) =>
    ctx.pods
      .filter((p) => typeof p.spec.priorityClassName !== 'string' || p.spec.priorityClassName === '')
      .map((p) => podIssue(p, ['priorityClassName'], `${describe(p.object)} sets no priorityClassName: under pressure its pods are preempted or evicted like any other`)),
};
