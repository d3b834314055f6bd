import { capabilityList, containerIssue, describeContainer, withTrivy } from '../model.js';
import type { K8sCheck, K8sIssue } from '../types.js';
import { DANGEROUS_CAPABILITIES } from './sec-cap-dangerous.js';

export const check: K8sCheck = {
  id: 'K8S-SEC-CAP-ADDED',
  severity: 'warning',
  title: 'Capability added beyond NET_BIND_SERVICE',
  aliases: ['KSV-0022', 'KSV-0106', 'CKV_K8S_25'],
  check: (ctx) => {
    const out: K8sIssue[] = [];
    for (const c of ctx.containers) {
      // The dangerous ones are K8S-SEC-CAP-DANGEROUS's findings.
      const extra = capabilityList(c, 'add').filter((cap) => cap !== 'NET_BIND_SERVICE' && !DANGEROUS_CAPABILITIES.has(cap));
      // Trivy's KSV-0022 also reports NET_BIND_SERVICE, which the restricted profile allows: not here.
      const aliases = c.kind === 'ephemeralContainers' ? withTrivy(check.aliases, []) : check.aliases;
      if (extra.length) out.push({ ...containerIssue(c, ['securityContext', 'capabilities', 'add'], `${describeContainer(c)} adds ${extra.join(', ')}: only NET_BIND_SERVICE is in the restricted profile`), aliases });
    }
    return out;
  },
};
