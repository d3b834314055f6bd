import { containerIssue, describeContainer, getIn } from '../model.js';
import type { K8sCheck } from '../types.js';

export const check: K8sCheck = {
  id: 'K8S-SEC-PRIV-ESC',
  severity: 'error',
  title: 'allowPrivilegeEscalation is not false',
  aliases: ['KSV-0001', 'CKV_K8S_20', 'polaris:privilegeEscalationAllowed', 'kubesec:AllowPrivilegeEscalation'],
  helpUri: 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
  check: (ctx) =>
    ctx.containers
      .filter((c) => c.kind !== 'ephemeralContainers' && getIn(c.container, ['securityContext', 'allowPrivilegeEscalation']) !== false)
      .map((c) =>
        containerIssue(
          c,
          ['securityContext', 'allowPrivilegeEscalation'],
          `${describeContainer(c)} may gain privileges (setuid binaries): set securityContext.allowPrivilegeEscalation: false`,
        ),
      ),
};
