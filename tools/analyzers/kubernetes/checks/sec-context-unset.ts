import { containerIssue, containersOf, describe, describeContainer, getIn, isRecord, podIssue } from '../model.js';
import type { K8sCheck, K8sIssue } from '../types.js';

/** The fields of a PodSecurityContext. */
const POD_FIELDS = ['appArmorProfile', 'fsGroup', 'fsGroupChangePolicy', 'runAsGroup', 'runAsNonRoot', 'runAsUser', 'seLinuxChangePolicy', 'seLinuxOptions', 'seccompProfile', 'supplementalGroups', 'supplementalGroupsPolicy', 'sysctls', 'windowsOptions'];
/** The fields of a container's SecurityContext. */
const CONTAINER_FIELDS = ['allowPrivilegeEscalation', 'appArmorProfile', 'capabilities', 'privileged', 'procMount', 'readOnlyRootFilesystem', 'runAsGroup', 'runAsNonRoot', 'runAsUser', 'seLinuxOptions', 'seccompProfile', 'windowsOptions'];
/** The pod's fields a container inherits. */
const INHERITED = ['runAsGroup', 'runAsNonRoot', 'runAsUser', 'seLinuxOptions', 'seccompProfile', 'windowsOptions'];

/** Whether a security context sets any of `fields`. */
const sets = (sc: unknown, fields: readonly string[]) => isRecord(sc) && fields.some((f) => sc[f] !== undefined && sc[f] !== null);

export const check: K8sCheck = {
  id: 'K8S-SEC-CONTEXT-UNSET',
  severity: 'info',
  title: 'Pod or container without any securityContext setting',
  aliases: ['KSV-0118'],
  // The specific checks (run as root, privilege escalation, capabilities, seccomp…) say what to set; this one only
  // says that nothing is. Trivy reports it by default.
  optional: true,
  helpUri: 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
  check: (ctx) => {
    const out: K8sIssue[] = [];
    for (const p of ctx.pods) {
      const podContext = getIn(p.spec, ['securityContext']);
      if (!sets(podContext, POD_FIELDS)) out.push(podIssue(p, ['securityContext'], `${describe(p.object)} sets no pod securityContext: every setting is the runtime's default (root allowed)`));
      for (const c of containersOf(p)) {
        if (c.kind === 'ephemeralContainers') continue;
        if (!sets(c.container.securityContext, CONTAINER_FIELDS) && !sets(podContext, INHERITED)) {
          out.push(containerIssue(c, ['securityContext'], `${describeContainer(c)} sets no securityContext and inherits none: every setting is the runtime's default`));
        }
      }
    }
    return out;
  },
};
