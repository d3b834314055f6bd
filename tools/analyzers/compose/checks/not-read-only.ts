import type { ComposeCheck } from '../types.js';

export const check: ComposeCheck = {
  id: 'COMPOSE-NOT-READ-ONLY',
  severity: 'info',
  title: 'Root filesystem is writable',
  aliases: ['KSV-0014', 'CKV_K8S_22'],
  helpUri: 'https://docs.docker.com/reference/compose-file/services/#read_only',
  check: (ctx) =>
    ctx.services
      .filter((s) => s.value.read_only !== true)
      .map((s) => ({ path: [...s.path, 'read_only'], message: `service "${s.name}" has a writable root filesystem: set read_only: true (and tmpfs: for what it writes)` })),
};
