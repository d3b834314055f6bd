import { containerIssue, describeContainer, getIn, trivyContainerAliases } from '../model.js';
import type { K8sCheck } from '../types.js';

export const check: K8sCheck = {
  id: 'K8S-SEC-PRIVILEGED',
  severity: 'error',
  title: 'Container runs privileged',
  aliases: ['KSV-0017', 'CKV_K8S_16', 'kube-score:container-security-context-privileged', 'polaris:runAsPrivileged', 'kubesec:Privileged'],
  helpUri: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
  check: (ctx) =>
    ctx.containers
      .filter((c) => getIn(c.container, ['securityContext', 'privileged']) === true)
      .map((c) => ({ ...containerIssue(c, ['securityContext', 'privileged'], `${describeContainer(c)} runs privileged: it gets every device and capability of the host`), aliases: trivyContainerAliases(c, check.aliases) })),
};
