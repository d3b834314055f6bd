import { capabilityList, containerIssue, describeContainer } from '../model.js';
import type { K8sCheck, K8sIssue } from '../types.js';

/** Capabilities that hand a container (most of) the host. */
export const DANGEROUS_CAPABILITIES = new Set(['ALL', 'SYS_ADMIN', 'NET_ADMIN', 'SYS_MODULE', 'NET_RAW', 'SYS_PTRACE', 'SYS_RAWIO', 'BPF', 'DAC_READ_SEARCH']);

export const check: K8sCheck = {
  id: 'K8S-SEC-CAP-DANGEROUS',
  severity: 'error',
  title: 'Dangerous capability added',
  aliases: ['KSV-0005', 'KSV-0119', 'KSV-0120', 'CKV_K8S_39', 'CKV_K8S_28', 'polaris:dangerousCapabilities', 'kubesec:CapSysAdmin'],
  check: (ctx) => {
    const out: K8sIssue[] = [];
    for (const c of ctx.containers) {
      const bad = capabilityList(c, 'add').filter((cap) => DANGEROUS_CAPABILITIES.has(cap));
      if (bad.length) out.push(containerIssue(c, ['securityContext', 'capabilities', 'add'], `${describeContainer(c)} adds ${bad.join(', ')}`));
    }
    return out;
  },
};
