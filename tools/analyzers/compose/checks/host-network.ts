import type { ComposeCheck } from '../types.js';

export const check: ComposeCheck = {
  id: 'COMPOSE-HOST-NETWORK',
  severity: 'error',
  title: 'Service shares the host network namespace',
  aliases: ['kics:shared_host_network_namespace', 'kics:network_mode_host_exists'],
  helpUri: 'https://docs.docker.com/reference/compose-file/services/#network_mode',
  check: (ctx) =>
    ctx.services
      .filter((s) => s.value.network_mode === 'host')
      .map((s) => ({ path: [...s.path, 'network_mode'], message: `service "${s.name}" sets network_mode: host, sharing the host's network namespace` })),
};
