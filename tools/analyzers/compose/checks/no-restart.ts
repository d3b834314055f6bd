import type { ComposeCheck } from '../types.js';

export const check: ComposeCheck = {
  id: 'COMPOSE-NO-RESTART',
  severity: 'info',
  title: 'No restart policy',
  aliases: ['kics:restart_policy_on_failure_not_set_to_5'],
  helpUri: 'https://docs.docker.com/reference/compose-file/services/#restart',
  check: (ctx) =>
    ctx.services
      .filter((s) => s.value.restart === undefined && s.value.deploy?.restart_policy === undefined)
      .map((s) => ({ path: [...s.path, 'restart'], message: `service "${s.name}" has no restart policy: after a crash or reboot it stays down (restart: unless-stopped or on-failure)` })),
};
