import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bashTool } from '../../tools/bash/index.js';
import type { ToolContext } from '../../tools/tool.js';
import {
  ContainerJanitor,
  containerExists,
  containerPids,
  engineForTests,
  inspect,
  processAlive,
  processesMentioning,
  uniqueName,
  waitUntil,
} from '../support/engine.js';

/** Short enough for a quick test, long enough for the container to be up before it fires. */
const BASH_TIMEOUT_MS = 8_000;
const KILL_GRACE_MS = 500;

const engine = await engineForTests('the Bash tool timing out on a real hanging container');
const { env, skip, title } = engine;

describe.skipIf(skip !== undefined)(title, () => {
  const janitor = new ContainerJanitor(env);
  let cwd: string;

  beforeAll(async () => {
    cwd = await mkdtemp(path.join(tmpdir(), 'dx-bash-engine-'));
  });
  afterEach(async () => {
    await janitor.cleanup();
  });
  afterAll(async () => {
    if (cwd) await rm(cwd, { recursive: true, force: true });
  });

  function context(): ToolContext {
    const seen = new Map<string, { mtimeMs: number; size: number }>();
    return {
      cwd,
      additionalDirs: [],
      signal: new AbortController().signal,
      sessionDir: cwd,
      fileState: { get: (p) => seen.get(p), set: (p, s) => void seen.set(p, s) },
    };
  }

  // With --init the forwarded SIGTERM stops the container; without it `sleep` is PID 1 and ignores
  // SIGTERM, so only removing the container by name can end it.
  for (const init of [true, false]) {
    it(`stops and removes the container${init ? '' : ' (no --init: PID 1 ignores SIGTERM)'} and leaves no process behind`, async () => {
      const name = janitor.container(uniqueName('bash-hang'));
      const tool = bashTool({ env: { ...process.env, ...env.vars }, killGraceMs: KILL_GRACE_MS });
      const command = `docker run ${init ? '--init ' : ''}--name ${name} ${env.images.busybox} sleep 300`;
      const call = tool.call({ command, timeout: BASH_TIMEOUT_MS }, context());

      // While the call hangs, note the host pids behind the container.
      await waitUntil(`${name} to run`, async () => (await inspect(env, name, '{{.State.Running}}').catch(() => '')) === 'true', BASH_TIMEOUT_MS);
      const pids = await containerPids(env, name);

      const result = await call;
      expect(result.isError).toBe(true);
      expect(result.content).toContain(`timed out after ${BASH_TIMEOUT_MS} ms`);
      expect(await containerExists(env, name)).toBe(false);
      await waitUntil('the container processes to end', async () => !processAlive(pids.pid) && !processAlive(pids.conmonPid), 5_000);
      expect(processesMentioning(name)).toEqual([]);
    }, BASH_TIMEOUT_MS + 30_000);
  }
});
