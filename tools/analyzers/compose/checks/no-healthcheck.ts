import type { ComposeCheck } from '../types.js';

export const check: ComposeCheck = {
  id: 'COMPOSE-NO-HEALTHCHECK',
  severity: 'info',
  title: 'No healthcheck',
  aliases: ['kics:healthcheck_not_set'],
  helpUri: 'https://docs.docker.com/reference/compose-file/services/#healthcheck',
  check: (ctx) =>
    ctx.services
      .filter((s) => s.value.healthcheck === undefined || s.value.healthcheck?.disable === true)
      .map((s) => ({
        path: [...s.path, 'healthcheck'],
        message: s.value.healthcheck?.disable === true ? `service "${s.name}" disables its healthcheck` : `service "${s.name}" has no healthcheck (unless its image defines one): dependants cannot wait for it to be ready`,
      })),
};
