import { securityOptions } from '../model.js';
import type { ComposeCheck } from '../types.js';

export const check: ComposeCheck = {
  id: 'COMPOSE-NO-NEW-PRIVILEGES',
  severity: 'info',
  title: 'no-new-privileges not set',
  aliases: ['kics:no_new_privileges_not_set', 'KSV-0001'],
  helpUri: 'https://docs.docker.com/reference/cli/docker/container/run/#security-opt',
  check: (ctx) =>
    ctx.services
      .filter((s) => !securityOptions(s).some((o) => o.option === 'no-new-privileges' || o.option === 'no-new-privileges:true'))
      .map((s) => ({ path: [...s.path, 'security_opt'], message: `service "${s.name}" may gain privileges through setuid binaries: add security_opt: ["no-new-privileges:true"]` })),
};
