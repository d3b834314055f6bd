import { isDeepStrictEqual } from 'node:util';
import { LONG_RUNNING_KINDS, containerIssue, describeContainer, regularContainers } from '../model.js';
import type { K8sCheck, K8sIssue } from '../types.js';

export const check: K8sCheck = {
  id: 'K8S-REL-LIVENESS',
  severity: 'info',
  title: 'No livenessProbe, or identical to readinessProbe',
  aliases: ['CKV_K8S_8', 'kube-score:pod-probes-identical', 'polaris:livenessProbeMissing'],
  helpUri: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/',
  check: (ctx) => {
    const out: K8sIssue[] = [];
    for (const c of regularContainers(ctx)) {
      if (!LONG_RUNNING_KINDS.has(c.pod.object.kind)) continue;
      const live = c.container.livenessProbe;
      if (live === undefined) out.push(containerIssue(c, ['livenessProbe'], `${describeContainer(c)} has no livenessProbe: a hung process is never restarted`));
      else if (c.container.readinessProbe !== undefined && isDeepStrictEqual(live, c.container.readinessProbe)) {
        out.push(containerIssue(c, ['livenessProbe'], `${describeContainer(c)} has identical liveness and readiness probes: a slow moment then restarts it instead of taking it out of rotation`));
      }
    }
    return out;
  },
};
