/**
 * What `--verify` (on by default) lets an agent do so it can build and run what it wrote: build images, and run,
 * probe, read and remove containers and images whose names start with `docker-expert-verify`. Nothing else: the
 * container firewall still denies host escapes in any of these, plan mode still refuses changes, deny rules still win.
 */
import { VERIFY_PREFIX } from './models/offline/verify/constants.js';

const ENGINES = ['docker', 'podman'];

export function verifyAllowRules(): string[] {
  const name = `${VERIFY_PREFIX}-*`;
  return ENGINES.flatMap((e) => [
    `Bash(${e} build *)`,
    `Bash(${e} run * --name ${name} *)`,
    `Bash(${e} exec ${name} *)`,
    `Bash(${e} logs * ${name})`,
    `Bash(${e} logs ${name})`,
    `Bash(${e} inspect * ${name})`,
    `Bash(${e} rm -f ${name})`,
    `Bash(${e} stop ${name})`,
    `Bash(${e} rmi -f ${name})`,
    `Bash(${e} rmi ${name})`,
  ]);
}
