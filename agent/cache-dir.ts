import os from 'node:os';
import path from 'node:path';

/** Where docker-expert keeps its caches: `DOCKER_EXPERT_CACHE_DIR`, else `$XDG_CACHE_HOME/docker-expert`, else `~/.cache/docker-expert`. */
export function cacheBaseDir(env: NodeJS.ProcessEnv): string {
  return env.DOCKER_EXPERT_CACHE_DIR || path.join(env.XDG_CACHE_HOME || path.join(env.HOME || os.homedir(), '.cache'), 'docker-expert');
}
