import { containerIssue, describeContainer } from '../model.js';
import type { K8sCheck, K8sIssue } from '../types.js';

export const check: K8sCheck = {
  id: 'K8S-NET-PRIVILEGED-PORT',
  severity: 'info',
  title: 'Container listens on a privileged port (below 1024)',
  aliases: ['KSV-0117'],
  // Binding below 1024 needs root or NET_BIND_SERVICE unless the runtime lowers net.ipv4.ip_unprivileged_port_start
  // (Docker and containerd set it to 0): a hint, not a defect. Trivy reports it by default.
  optional: true,
  check: (ctx) => {
    const out: K8sIssue[] = [];
    for (const c of ctx.containers) {
      if (c.kind === 'ephemeralContainers') continue;
      const ports = Array.isArray(c.container.ports) ? c.container.ports : [];
      ports.forEach((p: { containerPort?: unknown }, i: number) => {
        if (p && typeof p.containerPort === 'number' && p.containerPort < 1024) {
          out.push(containerIssue(c, ['ports', i, 'containerPort'], `${describeContainer(c)} listens on port ${p.containerPort}, which needs root or NET_BIND_SERVICE: listen on a port above 1024 and map it in the Service`));
        }
      });
    }
    return out;
  },
};
