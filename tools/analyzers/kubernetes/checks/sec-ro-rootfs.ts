import { containerIssue, describeContainer, getIn } from '../model.js';
import type { K8sCheck } from '../types.js';

export const check: K8sCheck = {
  id: 'K8S-SEC-RO-ROOTFS',
  severity: 'warning',
  title: 'Root filesystem is writable',
  aliases: ['KSV-0014', 'CKV_K8S_22', 'kube-score:container-security-context-readonlyrootfilesystem', 'polaris:notReadOnlyRootFilesystem', 'kubesec:ReadOnlyRootFilesystem'],
  check: (ctx) =>
    ctx.containers
      .filter((c) => c.kind !== 'ephemeralContainers' && getIn(c.container, ['securityContext', 'readOnlyRootFilesystem']) !== true)
      .map((c) =>
        containerIssue(c, ['securityContext', 'readOnlyRootFilesystem'], `${describeContainer(c)} has a writable root filesystem: set readOnlyRootFilesystem: true (mount emptyDir where it writes)`),
      ),
};
