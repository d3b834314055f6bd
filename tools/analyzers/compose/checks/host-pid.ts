import type { ComposeCheck } from '../types.js';

export const check: ComposeCheck = {
  id: 'COMPOSE-HOST-PID',
  severity: 'error',
  title: 'Service shares the host pid namespace',
  aliases: ['kics:host_namespace_is_shared'],
  helpUri: 'https://docs.docker.com/reference/compose-file/services/#pid',
  check: (ctx) =>
    ctx.services
      .filter((s) => s.value.pid === 'host')
      .map((s) => ({ path: [...s.path, 'pid'], message: `service "${s.name}" sets pid: host, sharing the host's pid namespace` })),
};
