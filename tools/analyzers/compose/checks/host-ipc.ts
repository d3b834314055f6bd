import type { ComposeCheck } from '../types.js';

export const check: ComposeCheck = {
  id: 'COMPOSE-HOST-IPC',
  severity: 'error',
  title: 'Service shares the host ipc namespace',
  aliases: ['kics:shared_host_ipc_namespace'],
  helpUri: 'https://docs.docker.com/reference/compose-file/services/#ipc',
  check: (ctx) =>
    ctx.services
      .filter((s) => s.value.ipc === 'host')
      .map((s) => ({ path: [...s.path, 'ipc'], message: `service "${s.name}" sets ipc: host, sharing the host's ipc namespace` })),
};
