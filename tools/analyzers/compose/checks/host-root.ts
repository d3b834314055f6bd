import { volumesOf } from '../model.js';
import type { ComposeCheck, ComposeIssue } from '../types.js';

/** Host folders whose exposure hands over the host (or its secrets). */
export const SENSITIVE_HOST_DIRS = ['/', '/etc', '/proc', '/sys', '/boot', '/root', '/dev', '/var/lib/docker', '/var/lib/containerd', '/var/lib/kubelet', '/usr', '/lib', '/bin', '/sbin', '/home'];

export const check: ComposeCheck = {
  id: 'COMPOSE-HOST-ROOT',
  severity: 'error',
  title: 'Sensitive host folder mounted',
  aliases: ['kics:volume_has_sensitive_host_directory', 'KSV-0023'],
  check: (ctx) => {
    const out: ComposeIssue[] = [];
    for (const s of ctx.services) {
      for (const v of volumesOf(s)) {
        if (v.type !== 'bind' || !v.source) continue;
        const src = v.source.replace(/\/+$/, '') || '/';
        if (SENSITIVE_HOST_DIRS.includes(src)) {
          out.push({ path: [...s.path, 'volumes', v.index], message: `service "${s.name}" mounts host folder ${src}${v.readOnly ? ' (read-only)' : ''}: mount only the files it needs`, severity: v.readOnly ? 'warning' : undefined });
        }
      }
    }
    return out;
  },
};
