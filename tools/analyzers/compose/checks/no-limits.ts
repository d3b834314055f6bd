import { isRecord } from '../model.js';
import type { ComposeCheck } from '../types.js';
import type { ComposeService } from '../types.js';

function hasMemoryLimit(s: ComposeService): boolean {
  const limits = s.value.deploy?.resources?.limits;
  return s.value.mem_limit !== undefined || (isRecord(limits) && limits.memory !== undefined);
}

export const check: ComposeCheck = {
  id: 'COMPOSE-NO-LIMITS',
  severity: 'warning',
  title: 'No memory limit',
  aliases: ['kics:memory_not_limited', 'kics:cpus_not_limited'],
  helpUri: 'https://docs.docker.com/reference/compose-file/deploy/#resources',
  check: (ctx) =>
    ctx.services
      .filter((s) => !hasMemoryLimit(s))
      .map((s) => ({ path: [...s.path, 'deploy', 'resources', 'limits'], message: `service "${s.name}" has no memory limit (deploy.resources.limits.memory): one leak can starve the host` })),
};
