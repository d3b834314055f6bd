/**
 * A task's containers: every `docker|podman run|create` of a task's Bash calls carries the label
 * `docker-expert.task=<task id>` (tools/bash/runner.ts adds it from CONTAINER_LABEL_VAR), so that a cancelled task's
 * containers can be found and removed, named or not, attached or detached. The Bash tool kills its own processes.
 */
import { CONTAINER_LABEL_VAR } from '../tools/bash/runner.js';

export const TASK_LABEL_KEY = 'docker-expert.task';
/** How long listing and removing a task's containers may take. */
export const CONTAINER_REMOVAL_TIMEOUT_MS = 30_000;

/** The run's environment with the task's label for the containers it starts. */
export function taskEnv(env: NodeJS.ProcessEnv, taskId: string): NodeJS.ProcessEnv {
  return { ...env, [CONTAINER_LABEL_VAR]: `${TASK_LABEL_KEY}=${taskId}` };
}

/**
 * Removes (`docker rm --force`) every container labelled with the task's id; returns their ids. Without a `docker`
 * on the run's PATH no task of this server can have started one, and there is nothing to do.
 */
export async function removeTaskContainers(env: NodeJS.ProcessEnv, taskId: string): Promise<string[]> {
  const { execa } = await import('execa');
  const run = (args: string[]) => execa('docker', args, { env, extendEnv: false, reject: false, timeout: CONTAINER_REMOVAL_TIMEOUT_MS });
  const listed = await run(['ps', '--all', '--quiet', '--no-trunc', '--filter', `label=${TASK_LABEL_KEY}=${taskId}`]);
  if ((listed as { code?: string }).code === 'ENOENT') return [];
  if (listed.failed) throw new Error(`docker ps for the task's containers failed: ${String(listed.stderr || listed.message).trim()}`);
  const ids = String(listed.stdout).split("\n").filter((id) => /^[0-9a-f]{12,64}$/.test(id));
  if (ids.length === 0) return [];
  const removed = await run(['rm', '--force', ...ids]);
  if (removed.failed) throw new Error(`docker rm --force of the task's containers failed: ${String(removed.stderr || removed.message).trim()}`);
  return ids;
}
