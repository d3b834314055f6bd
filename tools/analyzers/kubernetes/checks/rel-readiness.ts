import { LONG_RUNNING_KINDS, containerIssue, containersOf, describeContainer, regularContainers, withKubeScore } from '../model.js';
import { servicesTargeting } from '../refs.js';
import type { K8sCheck, K8sIssue, PodTemplate } from '../types.js';

const ALIASES = ['CKV_K8S_9', 'kube-score:pod-probes', 'polaris:readinessProbeMissing'];

/**
 * kube-score's pod-probes judges a pod, not a container: it fails when a Service targets the pod and no container
 * (init containers included) has a readinessProbe. Pods no Service targets are skipped: readiness only gates
 * Service endpoints.
 */
function kubeScoreFails(ctx: Parameters<K8sCheck['check']>[0], pod: PodTemplate): boolean {
  if (containersOf(pod).some((c) => c.kind !== 'ephemeralContainers' && c.container.readinessProbe != null)) return false;
  return servicesTargeting(ctx, pod).length > 0;
}

export const check: K8sCheck = {
  id: 'K8S-REL-READINESS',
  severity: 'warning',
  title: 'No readinessProbe',
  aliases: ALIASES,
  helpUri: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/',
  check: (ctx) => {
    const out: K8sIssue[] = [];
    const kubeScore = new Map<PodTemplate, boolean>();
    for (const c of regularContainers(ctx)) {
      if (!LONG_RUNNING_KINDS.has(c.pod.object.kind) || c.container.readinessProbe != null) continue;
      if (!kubeScore.has(c.pod)) kubeScore.set(c.pod, kubeScoreFails(ctx, c.pod));
      const issue = containerIssue(c, ['readinessProbe'], `${describeContainer(c)} has no readinessProbe: traffic reaches it before it is ready`);
      out.push({ ...issue, aliases: withKubeScore(ALIASES, kubeScore.get(c.pod) ? ['pod-probes'] : []) });
    }
    return out;
  },
};
