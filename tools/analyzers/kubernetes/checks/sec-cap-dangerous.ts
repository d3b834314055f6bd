import { capabilityList, containerIssue, describeContainer, getIn, withTrivy } from '../model.js';
import type { K8sCheck, K8sIssue } from '../types.js';

/** Trivy's one-capability checks: KSV-0005 (SYS_ADMIN), KSV-0119 (NET_RAW), KSV-0120 (SYS_MODULE), written as is. */
const TRIVY_PER_CAPABILITY: Readonly<Record<string, string>> = { SYS_ADMIN: 'KSV-0005', NET_RAW: 'KSV-0119', SYS_MODULE: 'KSV-0120' };

/** Capabilities that hand a container (most of) the host. */
export const DANGEROUS_CAPABILITIES = new Set(['ALL', 'SYS_ADMIN', 'NET_ADMIN', 'SYS_MODULE', 'NET_RAW', 'SYS_PTRACE', 'SYS_RAWIO', 'BPF', 'DAC_READ_SEARCH']);

export const check: K8sCheck = {
  id: 'K8S-SEC-CAP-DANGEROUS',
  severity: 'error',
  title: 'Dangerous capability added',
  aliases: ['KSV-0005', 'KSV-0119', 'KSV-0120', 'KSV-0022', 'KSV-0106', 'CKV_K8S_39', 'CKV_K8S_28', 'polaris:dangerousCapabilities', 'kubesec:CapSysAdmin'],
  check: (ctx) => {
    const out: K8sIssue[] = [];
    for (const c of ctx.containers) {
      const bad = capabilityList(c, 'add').filter((cap) => DANGEROUS_CAPABILITIES.has(cap));
      if (!bad.length) continue;
      // Trivy: KSV-0022 (any capability added) and KSV-0106 (one other than NET_BIND_SERVICE) hold here too; its
      // per-capability checks compare the name as written; it does not look at ephemeral containers.
      const raw = getIn(c.container, ['securityContext', 'capabilities', 'add']);
      const ksv = c.kind === 'ephemeralContainers' ? [] : ['KSV-0022', 'KSV-0106', ...(Array.isArray(raw) ? raw : []).flatMap((cap) => TRIVY_PER_CAPABILITY[String(cap)] ?? [])];
      out.push({ ...containerIssue(c, ['securityContext', 'capabilities', 'add'], `${describeContainer(c)} adds ${bad.join(', ')}`), aliases: withTrivy(check.aliases, ksv) });
    }
    return out;
  },
};
