import { containerIssue, describeContainer, trivyContainerAliases } from '../model.js';
import type { K8sCheck, K8sIssue } from '../types.js';

export const check: K8sCheck = {
  id: 'K8S-SEC-HOST-PORT',
  severity: 'warning',
  title: 'Container binds a host port',
  aliases: ['KSV-0024', 'CKV_K8S_26', 'polaris:hostPortSet'],
  check: (ctx) => {
    const out: K8sIssue[] = [];
    for (const c of ctx.containers) {
      const ports = Array.isArray(c.container.ports) ? c.container.ports : [];
      ports.forEach((p: { hostPort?: unknown }, i: number) => {
        if (p && p.hostPort !== undefined && p.hostPort !== 0 && p.hostPort !== null) {
          out.push({ ...containerIssue(c, ['ports', i, 'hostPort'], `${describeContainer(c)} binds host port ${String(p.hostPort)}: pods then cannot share a node, and it bypasses network policy; use a Service`), aliases: trivyContainerAliases(c, check.aliases) });
        }
      });
    }
    return out;
  },
};
