import type { ComposeCheck } from '../types.js';

export const check: ComposeCheck = {
  id: 'COMPOSE-PRIVILEGED',
  severity: 'error',
  title: 'Service runs privileged',
  aliases: ['kics:privileged_containers_enabled'],
  helpUri: 'https://docs.docker.com/reference/compose-file/services/#privileged',
  check: (ctx) =>
    ctx.services
      .filter((s) => s.value.privileged === true)
      .map((s) => ({ path: [...s.path, 'privileged'], message: `service "${s.name}" runs privileged: every device and capability of the host` })),
};
