import type { ComposeCheck } from '../types.js';

export const check: ComposeCheck = {
  id: 'COMPOSE-HOST-USERNS',
  severity: 'error',
  title: 'Service shares the host userns namespace',
  aliases: ['kics:shared_host_user_namespace'],
  helpUri: 'https://docs.docker.com/reference/compose-file/services/#userns_mode',
  check: (ctx) =>
    ctx.services
      .filter((s) => s.value.userns_mode === 'host')
      .map((s) => ({ path: [...s.path, 'userns_mode'], message: `service "${s.name}" sets userns_mode: host, sharing the host's userns namespace` })),
};
