import { capabilityList, containerIssue, describeContainer, getIn, withTrivy } from '../model.js';
import type { K8sCheck } from '../types.js';

/** Polaris's insecureCapabilities is also content when each of these is dropped one by one. */
const POLARIS_INSECURE = ['NET_ADMIN', 'CHOWN', 'DAC_OVERRIDE', 'FSETID', 'FOWNER', 'MKNOD', 'NET_RAW', 'SETGID', 'SETUID', 'SETFCAP', 'SETPCAP', 'NET_BIND_SERVICE', 'SYS_CHROOT', 'KILL', 'AUDIT_WRITE'];

export const check: K8sCheck = {
  id: 'K8S-SEC-CAP-DROP-ALL',
  severity: 'warning',
  title: 'Capabilities are not dropped (drop: [ALL])',
  aliases: ['KSV-0003', 'KSV-0004', 'KSV-0106', 'CKV_K8S_37', 'polaris:insecureCapabilities', 'kubesec:CapDropAll', 'kubesec:CapDropAny'],
  check: (ctx) =>
    ctx.containers
      .filter((c) => c.kind !== 'ephemeralContainers' && !capabilityList(c, 'drop').includes('ALL'))
      .map((c) => ({
        ...containerIssue(c, ['securityContext', 'capabilities', 'drop'], `${describeContainer(c)} keeps the default capabilities: add securityContext.capabilities.drop: [ALL]`),
        aliases: withTrivy(
          POLARIS_INSECURE.every((cap) => capabilityList(c, 'drop').includes(cap)) ? check.aliases.filter((a) => a !== 'polaris:insecureCapabilities') : check.aliases,
          // Trivy's KSV-0004 only asks that some capability be dropped.
          getIn(c.container, ['securityContext', 'capabilities', 'drop']) === undefined ? ['KSV-0003', 'KSV-0004', 'KSV-0106'] : ['KSV-0003', 'KSV-0106'],
        ),
      })),
};
