import { DANGEROUS_CAPABILITIES } from '../../kubernetes/checks/sec-cap-dangerous.js';
import { normaliseCapability } from '../../kubernetes/model.js';
import type { ComposeCheck, ComposeIssue } from '../types.js';

export const check: ComposeCheck = {
  id: 'COMPOSE-CAP-ADD',
  severity: 'warning',
  title: 'Capabilities added',
  aliases: ['kics:container_capabilities_unrestricted', 'KSV-0022'],
  helpUri: 'https://docs.docker.com/reference/compose-file/services/#cap_add',
  check: (ctx) => {
    const out: ComposeIssue[] = [];
    for (const s of ctx.services) {
      const caps: string[] = Array.isArray(s.value.cap_add) ? s.value.cap_add.map(normaliseCapability) : [];
      const extra = caps.filter((c) => c !== 'NET_BIND_SERVICE');
      if (extra.length === 0) continue;
      const dangerous = extra.filter((c) => DANGEROUS_CAPABILITIES.has(c));
      out.push({
        path: [...s.path, 'cap_add'],
        message: `service "${s.name}" adds ${extra.join(', ')}${dangerous.length ? ` (${dangerous.join(', ')} ${dangerous.length > 1 ? 'hand' : 'hands'} over the host)` : ''}`,
        severity: dangerous.length ? 'error' : undefined,
      });
    }
    return out;
  },
};
