/**
 * A task's containers: every `docker|podman run|create` of a task's Bash calls carries the label
 * `docker-expert.task=<task id>` (tools/bash/runner.ts adds it from CONTAINER_LABEL_VAR), so that the containers a
 * task leaves (named or not, attached or detached) can be found and removed when it ends. The Bash tool kills its own
 * processes.
 */
import { CONTAINER_LABEL_VAR } from '../tools/bash/runner.js';

export const TASK_LABEL_KEY = 'docker-expert.task';
/** How long listing and removing a task's containers may take. */
export const CONTAINER_REMOVAL_TIMEOUT_MS = 30_000;
/** The engine CLIs a task's Bash calls can start containers with (the label goes on both). */
const ENGINE_CLIS = ['docker', 'podman'] as const;

/** The run's environment with the task's label for the containers it starts. */
export function taskEnv(env: NodeJS.ProcessEnv, taskId: string): NodeJS.ProcessEnv {
  return { ...env, [CONTAINER_LABEL_VAR]: `${TASK_LABEL_KEY}=${taskId}` };
}

/**
 * Removes (`rm --force`) every container labelled with the task's id, through each of `docker` and `podman` found on
 * the run's PATH (a task may have used either, and either may be the only one there); returns their ids. Throws only
 * when no CLI on PATH could list the containers; with neither on PATH no task of this server can have started one.
 */
export async function removeTaskContainers(env: NodeJS.ProcessEnv, taskId: string): Promise<string[]> {
  const { execa } = await import('execa');
  const removed: string[] = [];
  const errors: string[] = [];
  let listedAny = false;
  for (const cli of ENGINE_CLIS) {
    const run = (args: string[]) => execa(cli, args, { env, extendEnv: false, reject: false, timeout: CONTAINER_REMOVAL_TIMEOUT_MS });
    const listed = await run(['ps', '--all', '--quiet', '--no-trunc', '--filter', `label=${TASK_LABEL_KEY}=${taskId}`]);
    if ((listed as { code?: string }).code === 'ENOENT') continue;
    if (listed.failed) {
      errors.push(`${cli} ps for the task's containers failed: ${String(listed.stderr || listed.message).trim()}`);
      continue;
    }
    listedAny = true;
    const ids = String(listed.stdout)
      .split('\n')
      .filter((id) => /^[0-9a-f]{12,64}$/.test(id) && !removed.includes(id));
    if (ids.length === 0) continue;
    // podman's own `rm --force` first stops with SIGTERM and waits 10 s; docker's kills at once: so does podman's with --time 0.
    const rm = await run(['rm', '--force', ...(cli === 'podman' ? ['--time', '0'] : []), ...ids]);
    if (rm.failed) throw new Error(`${cli} rm --force of the task's containers failed: ${String(rm.stderr || rm.message).trim()}`);
    removed.push(...ids);
  }
  if (!listedAny && errors.length > 0) throw new Error(errors.join('; '));
  return removed;
}
