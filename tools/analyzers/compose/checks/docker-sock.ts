import { isRuntimeSocketPath } from '../../kubernetes/checks/sec-docker-sock.js';
import { volumesOf } from '../model.js';
import type { ComposeCheck, ComposeIssue } from '../types.js';

export const check: ComposeCheck = {
  id: 'COMPOSE-DOCKER-SOCK',
  severity: 'error',
  title: 'Container runtime socket mounted',
  aliases: ['kics:docker_socket_mounted_in_container', 'KSV-0006'],
  check: (ctx) => {
    const out: ComposeIssue[] = [];
    for (const s of ctx.services) {
      for (const v of volumesOf(s)) {
        if (v.type === 'bind' && v.source && isRuntimeSocketPath(v.source)) {
          out.push({ path: [...s.path, 'volumes', v.index], message: `service "${s.name}" mounts the container runtime socket ${v.source}${v.readOnly ? ' (read-only does not help: the API still accepts commands)' : ''}: that is root on the host` });
        }
      }
    }
    return out;
  },
};
