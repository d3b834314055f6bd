import { containerIssue, describeContainer, effectiveSecurity, getIn, withTrivy } from '../model.js';
import type { K8sCheck, K8sIssue } from '../types.js';

export const check: K8sCheck = {
  id: 'K8S-SEC-RUN-AS-ROOT',
  severity: 'error',
  title: 'Container may run as root',
  aliases: ['KSV-0012', 'KSV-0105', 'CKV_K8S_23', 'polaris:runAsRootAllowed', 'kubesec:RunAsNonRoot'],
  helpUri: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
  check: (ctx) => {
    const out: K8sIssue[] = [];
    for (const c of ctx.containers) {
      if (c.kind === 'ephemeralContainers') continue;
      const user = effectiveSecurity(c, 'runAsUser');
      const nonRoot = effectiveSecurity(c, 'runAsNonRoot');
      // Trivy: KSV-0012 wants runAsNonRoot (and fails only while the pod does not set it), KSV-0105 a runAsUser of 0.
      const ksv012 = nonRoot !== true && !getIn(c.pod.spec, ['securityContext', 'runAsNonRoot']) ? ['KSV-0012'] : [];
      if (user === 0) {
        const own = getIn(c.container, ['securityContext', 'runAsUser']) === 0;
        const path = own ? [...c.path, 'securityContext', 'runAsUser'] : [...c.pod.specPath, 'securityContext', 'runAsUser'];
        out.push({ object: c.pod.object, path, message: `${describeContainer(c)} runs as UID 0 (root)`, aliases: withTrivy(check.aliases, ['KSV-0105', ...ksv012]) });
      } else if (nonRoot !== true && !(typeof user === 'number' && user > 0)) {
        out.push({ ...containerIssue(c, ['securityContext', 'runAsNonRoot'], `${describeContainer(c)} may run as root: set runAsNonRoot: true and a non-zero runAsUser`), aliases: withTrivy(check.aliases, ksv012) });
      }
    }
    return out;
  },
};
