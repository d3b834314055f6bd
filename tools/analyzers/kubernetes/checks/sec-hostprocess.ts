import { containerIssue, describe, describeContainer, getIn, podIssue, trivyContainerAliases } from '../model.js';
import type { K8sCheck, K8sIssue } from '../types.js';

export const check: K8sCheck = {
  id: 'K8S-SEC-HOSTPROCESS',
  severity: 'error',
  title: 'Windows HostProcess container',
  aliases: ['KSV-0103', 'polaris:hostProcess'],
  check: (ctx) => {
    const out: K8sIssue[] = [];
    for (const p of ctx.pods) {
      if (getIn(p.spec, ['securityContext', 'windowsOptions', 'hostProcess']) === true) {
        out.push(podIssue(p, ['securityContext', 'windowsOptions', 'hostProcess'], `${describe(p.object)} runs as a Windows HostProcess pod: full access to the node`));
      }
    }
    for (const c of ctx.containers) {
      if (getIn(c.container, ['securityContext', 'windowsOptions', 'hostProcess']) === true) {
        out.push({ ...containerIssue(c, ['securityContext', 'windowsOptions', 'hostProcess'], `${describeContainer(c)} is a Windows HostProcess container: full access to the node`), aliases: trivyContainerAliases(c, check.aliases) });
      }
    }
    return out;
  },
};
