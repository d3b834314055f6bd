/**
 * Containers a dead worker left behind: the verify loop labels each container it starts with its run id
 * (RUN_LABEL; for a service task, the first 12 letters and digits of the task id). At start, and after reaping the
 * tasks of a dead worker, a worker asks its engine for labelled containers and removes those whose task no live
 * worker holds (finished, waiting to be taken over, or held by a worker whose heartbeat stopped). Containers of runs
 * that are not tasks in this database (a local `docker-expert run`) are left alone.
 */
import { execa } from 'execa';
import type pg from 'pg';
import { RUN_LABEL } from '../../agent/models/offline/verify/constants.js';

export const JANITOR_TIMEOUT_MS = 30_000;

export interface JanitorResult {
  removed: string[];
  /** Why the engine could not be asked (no docker on PATH, …); nothing was removed then. */
  error?: string;
}

export async function removeOrphanContainers(pool: pg.Pool, env: NodeJS.ProcessEnv, deadAfterMs: number): Promise<JanitorResult> {
  const docker = (args: string[]) => execa('docker', args, { env, extendEnv: false, reject: false, timeout: JANITOR_TIMEOUT_MS, stdin: 'ignore' });
  const listed = await docker(['ps', '-a', '--filter', `label=${RUN_LABEL}`, '--format', `{{.ID}}\t{{.Label "${RUN_LABEL}"}}`]);
  if (listed.failed) return { removed: [], error: `docker ps failed: ${String(listed.stderr).trim().split('\n').at(-1) || listed.shortMessage}` };
  const containers = String(listed.stdout)
    .split('\n')
    .map((l) => l.trim().split('\t'))
    .filter((p): p is [string, string] => p.length === 2 && /^[0-9a-f]{6,64}$/.test(p[0]!) && /^[a-z0-9]{1,64}$/.test(p[1]!));
  if (containers.length === 0) return { removed: [] };
  const { rows } = await pool.query<{ run_id: string }>(
    `SELECT left(regexp_replace(lower(t.task_id), '[^a-z0-9]', '', 'g'), 12) AS run_id FROM dx_tasks t
      WHERE left(regexp_replace(lower(t.task_id), '[^a-z0-9]', '', 'g'), 12) = ANY($1)
        AND (t.finished OR t.worker_id IS NULL
             OR NOT EXISTS (SELECT 1 FROM dx_workers w WHERE w.id = t.worker_id AND w.heartbeat > now() - make_interval(secs => $2)))`,
    [containers.map((c) => c[1]), deadAfterMs / 1000],
  );
  const orphanRuns = new Set(rows.map((r) => r.run_id));
  const removed: string[] = [];
  for (const [id, run] of containers) {
    if (!orphanRuns.has(run)) continue;
    if (!(await docker(['rm', '-f', id])).failed) removed.push(id);
  }
  return { removed };
}
