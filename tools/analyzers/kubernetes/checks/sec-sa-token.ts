import { describe, podIssue } from '../model.js';
import type { K8sCheck, K8sIssue } from '../types.js';

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
      out.push(podIssue(p, ['automountServiceAccountToken'], `${describe(p.object)} mounts an API token it probably does not need: set automountServiceAccountToken: false`));
    }
    return out;
  },
};
