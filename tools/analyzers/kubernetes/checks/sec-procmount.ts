import { containerIssue, describeContainer, getIn, trivyContainerAliases } from '../model.js';
import type { K8sCheck } from '../types.js';

export const check: K8sCheck = {
  id: 'K8S-SEC-PROCMOUNT',
  severity: 'error',
  title: 'procMount Unmasked',
  aliases: ['KSV-0027', 'polaris:procMount'],
  helpUri: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
  check: (ctx) =>
    ctx.containers
      .filter((c) => {
        const v = getIn(c.container, ['securityContext', 'procMount']);
        return v !== undefined && v !== 'Default';
      })
      .map((c) => ({ ...containerIssue(c, ['securityContext', 'procMount'], `${describeContainer(c)} unmasks /proc (procMount: ${String(getIn(c.container, ['securityContext', 'procMount']))})`), aliases: trivyContainerAliases(c, check.aliases) })),
};
