import { describe, getIn, podIssue, withTrivy } from '../model.js';
import type { PodTemplate } from '../types.js';
import type { K8sCheck, K8sIssue } from '../types.js';

const TOKEN_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';

/**
 * Trivy's KSV-0036: the object's own spec.automountServiceAccountToken is true, or it is unset and a container mounts
 * something at the token's path (Trivy reads the top-level spec: for a workload, not the pod template's).
 */
function trivyVerdict(p: PodTemplate): boolean {
  const own = getIn(p.object.value, ['spec', 'automountServiceAccountToken']);
  if (own === true) return true;
  if (own !== undefined && own !== null) return false;
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
  const containers = [...list(p.spec.containers), ...list(p.spec.initContainers)];
  return containers.some((c) => list(getIn(c, ['volumeMounts'])).some((m) => getIn(m, ['mountPath']) === TOKEN_PATH));
}

export const check: K8sCheck = {
  id: 'K8S-SEC-SA-TOKEN',
  severity: 'info',
  title: 'Service account token mounted automatically',
  aliases: ['KSV-0036', 'CKV_K8S_38', 'polaris:automountServiceAccountToken', 'kubesec:AutomountServiceAccountToken'],
  helpUri: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/',
  check: (ctx) => {
    const out: K8sIssue[] = [];
    for (const p of ctx.pods) {
      const own = p.spec.automountServiceAccountToken;
      if (own === false) continue;
      if (own === undefined) {
        // The pod inherits the ServiceAccount's setting when the account is among the analyzed objects.
        const saName = p.spec.serviceAccountName ?? p.spec.serviceAccount ?? 'default';
        const sa = ctx.ofKind('ServiceAccount', p.object.namespace).find((o) => o.name === saName);
        if (sa?.value.automountServiceAccountToken === false) continue;
      }
      const aliases = withTrivy(check.aliases, trivyVerdict(p) ? ['KSV-0036'] : []);
      out.push({ ...podIssue(p, ['automountServiceAccountToken'], `${describe(p.object)} mounts an API token it probably does not need: set automountServiceAccountToken: false`), aliases });
    }
    return out;
  },
};
