import { classifyCompose } from './compose.js';
import { classifyDocker } from './docker.js';
export { containerRemovalFor, withContainerLabel } from './docker.js';
import { classifyKubectl } from './kubectl.js';
import type { Classification, HostContext } from './types.js';

export type { Classification, FirewallLimits, HostContext, Reach, ReachFinding } from './types.js';
export { DEFAULT_FIREWALL_LIMITS, REACH_ORDER } from './types.js';

/** The container CLIs the firewall understands down to their flags. */
export const CONTAINER_PROGRAMS = new Set(['docker', 'podman', 'kubectl', 'docker-compose', 'podman-compose']);

/** Classifies a docker / podman / kubectl / compose command by subcommand and flags; undefined for other programs. */
export function classifyContainerCommand(argv: readonly string[], ctx: HostContext): Classification | undefined {
  switch (argv[0]) {
    case 'docker':
    case 'podman':
      return classifyDocker(argv, ctx);
    case 'kubectl':
      return classifyKubectl(argv, ctx);
    case 'docker-compose':
    case 'podman-compose':
      return classifyCompose(argv, ctx);
    default:
      return undefined;
  }
}
