import { capabilityList, containerIssue, describeContainer } from '../model.js';
import type { K8sCheck } from '../types.js';

export const check: K8sCheck = {
  id: 'K8S-SEC-CAP-DROP-ALL',
  severity: 'warning',
  title: 'Capabilities are not dropped (drop: [ALL])',
  aliases: ['KSV-0003', 'KSV-0004', 'CKV_K8S_37', 'polaris:insecureCapabilities', 'kubesec:CapDropAll', 'kubesec:CapDropAny'],
  check: (ctx) =>
    ctx.containers
      .filter((c) => c.kind !== 'ephemeralContainers' && !capabilityList(c, 'drop').includes('ALL'))
      .map((c) => containerIssue(c, ['securityContext', 'capabilities', 'drop'], `${describeContainer(c)} keeps the default capabilities: add securityContext.capabilities.drop: [ALL]`)),
};
