import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ContainerJanitor,
  containerExists,
  containerPids,
  engineForTests,
  inspect,
  processAlive,
  processesMentioning,
  stopDockerRun,
  uniqueName,
  waitUntil,
} from '../support/engine.js';

const { env, skip, title } = await engineForTests('a docker run client that times out');

/** Starts `docker run --init --name NAME busybox sleep 300` in its own process group and waits until it runs. */
async function startHangingRun(janitor: ContainerJanitor) {
  const name = janitor.container(uniqueName('hang'));
  const client = execa('docker', ['run', '--init', '--name', name, env.images.busybox!, 'sleep', '300'], {
    env: env.vars,
    detached: true,
    reject: false,
  });
  await waitUntil(`${name} to run`, async () => (await inspect(env, name, '{{.State.Running}}').catch(() => '')) === 'true');
  return { name, client, pids: await containerPids(env, name) };
}

describe.skipIf(skip !== undefined)(title, () => {
  const janitor = new ContainerJanitor(env);
  afterEach(async () => {
    await janitor.cleanup();
  });

  it('leaves its container running when the client is SIGKILLed: killing the client is not enough', async () => {
    const { name, client, pids } = await startHangingRun(janitor);
    client.kill('SIGKILL');
    const result = await client;
    expect(result.signal).toBe('SIGKILL');
    expect(processAlive(client.pid!)).toBe(false);
    // Give the engine time to notice the client went away: it does not stop the container.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await inspect(env, name, '{{.State.Running}}')).toBe('true');
    expect(processAlive(pids.pid)).toBe(true);
    // What the orphan check in the next tests looks for: podman's monitor names the container.
    expect(processesMentioning(name)).toContain(pids.conmonPid);
  });

  it('stops and removes it with SIGTERM then rm -f NAME, leaving no container, conmon or client process', async () => {
    const { name, client, pids } = await startHangingRun(janitor);
    expect(processAlive(pids.pid)).toBe(true);
    expect(processAlive(pids.conmonPid)).toBe(true);
    client.kill('SIGKILL');
    await client;
    await stopDockerRun(env, client.pid, name);
    expect(await containerExists(env, name)).toBe(false);
    await waitUntil('the container processes to end', async () => !processAlive(pids.pid) && !processAlive(pids.conmonPid), 5_000);
    expect(processesMentioning(name)).toEqual([]);
  });

  it('with the client alive, SIGTERM to its group stops the container (forwarded) but leaves it behind for rm -f', async () => {
    const { name, client, pids } = await startHangingRun(janitor);
    process.kill(-client.pid!, 'SIGTERM');
    const result = await client;
    expect(result.exitCode).toBe(143);
    expect(await inspect(env, name, '{{.State.Status}} {{.State.ExitCode}}')).toBe('exited 143');
    expect(processAlive(pids.pid)).toBe(false);
    await stopDockerRun(env, client.pid, name);
    expect(await containerExists(env, name)).toBe(false);
  });
});
