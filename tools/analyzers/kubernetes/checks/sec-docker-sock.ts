import { describe, podIssue, withTrivy } from '../model.js';
import type { K8sCheck, K8sIssue } from '../types.js';

/** Container runtime sockets (and the folders holding them): mounting one gives root on the node. */
export const RUNTIME_SOCKETS = [
  '/var/run/docker.sock',
  '/run/docker.sock',
  '/var/run/containerd/containerd.sock',
  '/run/containerd/containerd.sock',
  '/var/run/crio/crio.sock',
  '/run/crio/crio.sock',
  '/run/podman/podman.sock',
  '/var/run/cri-dockerd.sock',
];
const RUNTIME_DIRS = ['/var/run', '/run', '/var/run/docker', '/var/run/containerd', '/run/containerd', '/var/lib/docker', '/var/lib/containerd'];

export function isRuntimeSocketPath(path: string): boolean {
  const p = path.replace(/\/+$/, '') || '/';
  return RUNTIME_SOCKETS.includes(p) || RUNTIME_DIRS.includes(p);
}

export const check: K8sCheck = {
  id: 'K8S-SEC-DOCKER-SOCK',
  severity: 'error',
  title: 'Container runtime socket mounted',
  aliases: ['KSV-0006', 'CKV_K8S_27', 'kubesec:DockerSock'],
  check: (ctx) => {
    const out: K8sIssue[] = [];
    for (const p of ctx.pods) {
      const volumes = Array.isArray(p.spec.volumes) ? p.spec.volumes : [];
      volumes.forEach((v: { hostPath?: { path?: unknown } }, i: number) => {
        const path = v?.hostPath?.path;
        if (typeof path === 'string' && isRuntimeSocketPath(path)) {
          // Trivy's KSV-0006 names /var/run/docker.sock as written.
          out.push({ ...podIssue(p, ['volumes', i, 'hostPath', 'path'], `${describe(p.object)} mounts the container runtime socket ${path}: that is root on the node`), aliases: withTrivy(check.aliases, path === '/var/run/docker.sock' ? ['KSV-0006'] : []) });
        }
      });
    }
    return out;
  },
};
