import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ContainerJanitor,
  buildImage,
  containerExists,
  docker,
  engineForTests,
  freePort,
  runDetached,
  runToExit,
  storageContainers,
  uniqueName,
  waitForHealthy,
  waitForHttp,
} from '../support/engine.js';

const { env, skip, title } = await engineForTests('the real docker CLI on podman');

describe.skipIf(skip !== undefined)(title, () => {
  const busybox = env.images.busybox!;
  let janitor: ContainerJanitor;
  let imagesJanitor: ContainerJanitor;
  let context: string;
  let tag: string;

  beforeAll(async () => {
    janitor = new ContainerJanitor(env);
    imagesJanitor = new ContainerJanitor(env);
    context = await mkdtemp(path.join(tmpdir(), 'dx-engine-'));
    tag = `localhost/${uniqueName('tiny')}:test`;
    const marker = `built-${process.pid}`;
    await writeFile(
      path.join(context, 'Dockerfile'),
      [
        `FROM ${busybox}`,
        `RUN echo ${marker} > /marker && mkdir -p /www && echo '<h1>served</h1>' > /www/index.html`,
        'HEALTHCHECK --interval=1s CMD wget -q -O /dev/null http://127.0.0.1:8080/ || exit 1',
        'CMD ["sh", "-c", "cat /marker; exit ${CODE:-0}"]',
        '',
      ].join('\n'),
    );
    await buildImage(imagesJanitor, env, context, tag);
  });

  afterEach(async () => {
    await janitor.cleanup();
  });

  afterAll(async () => {
    await imagesJanitor?.cleanup();
    if (context) await rm(context, { recursive: true, force: true });
  });

  it('builds an image whose RUN step really ran', async () => {
    const run = await runToExit(janitor, env, 'marker', { image: tag });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe(`built-${process.pid}`);
    expect(run.exitCode).toBe(0);
  });

  it('passes the container exit code through docker run (without --rm)', async () => {
    const run = await runToExit(janitor, env, 'exit-code', { image: tag, flags: ['--env', 'CODE=42'] });
    expect(run.exitCode).toBe(42);
    // The container stays until cleanup: that is what lets the code be read back.
    expect(await containerExists(env, run.name)).toBe(true);
    await janitor.cleanup();
    expect(await containerExists(env, run.name)).toBe(false);
  });

  it('runs under --init: PID 1 is the init process, not the command', async () => {
    const run = await runToExit(janitor, env, 'init', { image: busybox, command: ['sh', '-c', 'cat /proc/1/comm'] });
    expect(run.exitCode).toBe(0);
    expect(run.stdout.trim()).not.toBe('sh');
    expect(run.stdout.trim()).toMatch(/init|catatonit|tini/);
  });

  it('reports a failed build with its output and a non-zero exit, leaving no build container behind', async () => {
    const bad = await mkdtemp(path.join(tmpdir(), 'dx-engine-bad-'));
    try {
      await writeFile(path.join(bad, 'Dockerfile'), `FROM ${busybox}\nRUN exit 7\n`);
      const badTag = `localhost/${uniqueName('bad')}:test`;
      const before = new Set(await storageContainers(env));
      await expect(buildImage(imagesJanitor, env, bad, badTag)).rejects.toThrow(/exit 7|exit status 7|returned a non-zero code: 7/);
      const leaked = (await storageContainers(env)).filter((name) => !before.has(name) && name.startsWith('busybox-working-container'));
      expect(leaked).toEqual([]);
    } finally {
      await rm(bad, { recursive: true, force: true });
    }
  });

  it('serves HTTP from a busybox httpd container published on 127.0.0.1 only', async () => {
    const hostPort = await freePort();
    const name = await runDetached(janitor, env, 'httpd', {
      image: tag,
      publish: { containerPort: 8080, hostPort },
      command: ['httpd', '-f', '-p', '8080', '-h', '/www'],
    });
    const answer = await waitForHttp(hostPort);
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('<h1>served</h1>');
    const mapping = await docker(env, ['port', name, '8080/tcp']);
    expect(mapping.stdout.trim()).toBe(`127.0.0.1:${hostPort}`);
    await waitForHealthy(env, name);
  });

  it("busybox's wget takes -T like Alpine's: an answer within it succeeds, a silent server times out", async () => {
    const name = await runDetached(janitor, env, 'wget-timeout', {
      image: tag,
      // nc accepts on 9000 and never answers; httpd serves on 8080.
      command: ['sh', '-c', 'nc -l -p 9000 & exec httpd -f -p 8080 -h /www'],
    });
    const served = await docker(env, ['exec', name, 'wget', '-q', '-T', '2', '-O', '-', 'http://127.0.0.1:8080/']);
    expect(served.stdout).toContain('<h1>served</h1>');
    expect(served.exitCode).toBe(0);
    const started = Date.now();
    const silent = await docker(env, ['exec', name, 'wget', '-q', '-T1', '-O', '-', 'http://127.0.0.1:9000/']);
    expect(silent.exitCode).not.toBe(0);
    expect(silent.exitCode).not.toBe(139);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('reports a container whose health check fails as not healthy', async () => {
    // The same image, but nothing listens on 8080: the health check can only fail.
    const name = await runDetached(janitor, env, 'unhealthy', { image: tag, command: ['sleep', '60'] });
    await expect(waitForHealthy(env, name, 1_500)).rejects.toThrow(/not healthy within 1500 ms/);
  });
});
