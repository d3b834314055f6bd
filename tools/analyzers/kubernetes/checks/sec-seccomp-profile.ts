import { describe, getIn, isRecord, podIssue } from '../model.js';
import type { K8sCheck, K8sIssue } from '../types.js';

/** The annotation kube-score accepts (PodSecurityPolicy's name for a default profile; Kubernetes never applied it to a Pod). */
const DEFAULT_PROFILE_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/defaultProfileName';

export const check: K8sCheck = {
  id: 'K8S-SEC-SECCOMP-PROFILE',
  severity: 'info',
  title: 'No seccomp profile configured (kube-score)',
  aliases: ['kube-score:container-seccomp-profile'],
  // kube-score's judgement, which K8S-SEC-SECCOMP makes more strictly (it rejects Unconfined); off by default, as in kube-score.
  optional: true,
  helpUri: 'https://kubernetes.io/docs/tutorials/security/seccomp/',
  check: (ctx) => {
    const out: K8sIssue[] = [];
    for (const p of ctx.pods) {
      if (DEFAULT_PROFILE_ANNOTATION in p.annotations) continue;
      if (isRecord(getIn(p.spec, ['securityContext', 'seccompProfile']))) continue;
      // Without a pod-level profile every container needs its own (kube-score does not look at init containers).
      const containers = Array.isArray(p.spec.containers) ? p.spec.containers : [];
      const bare = containers.findIndex((c: unknown) => !isRecord(getIn(c, ['securityContext', 'seccompProfile'])));
      if (bare < 0 && containers.length > 0) continue;
      out.push(podIssue(p, ['securityContext', 'seccompProfile'], `${describe(p.object)} sets no seccomp profile${bare >= 0 ? ` for container "${String(getIn(containers[bare], ['name']))}"` : ''}: set securityContext.seccompProfile (RuntimeDefault) on the pod`));
    }
    return out;
  },
};
