import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { detectStack, generateCompose, generateDockerfile } from '../../tools/generator/index.js';
import {
  ContainerJanitor,
  buildImage,
  dockerOk,
  engineForTests,
  freePort,
  inspect,
  runDetached,
  uniqueName,
  waitForHealthy,
  waitForHttp,
  type EngineImages,
} from '../support/engine.js';
import { EXAMPLES } from './support.js';

/** A two-stage build and a start on a busy 2-core machine. */
const BUILD_AND_RUN_TIMEOUT_MS = 300_000;

/**
 * node-api only: a Python build takes about a minute here, and test/engine/generated-apps.test.ts already
 * builds and runs a generated Python image.
 */
const APPS: { example: string; image: keyof EngineImages }[] = [
  { example: 'node-api', image: 'node' },
];

/** The compose service's hardening, as `docker run` flags: what `docker compose up` would apply. */
function runFlagsOf(service: Record<string, any>): string[] {
  const flags = ['--user', service.user, '--cap-drop', 'ALL', '--security-opt', 'no-new-privileges', '--pids-limit', String(service.pids_limit)];
  if (service.read_only) flags.push('--read-only');
  for (const p of service.tmpfs ?? []) flags.push('--tmpfs', p);
  flags.push('--memory', service.deploy.resources.limits.memory.replace(/M$/, 'm'));
  for (const [k, v] of Object.entries(service.environment ?? {})) flags.push('--env', `${k}=${v}`);
  return flags;
}

const { env, skip, title } = await engineForTests('examples/ with generated files build and run hardened on the real engine', ['node']);

describe.skipIf(skip !== undefined)(title, () => {
  const janitor = new ContainerJanitor(env);
  const dirs: string[] = [];
  afterEach(async () => {
    await janitor.cleanup();
  });
  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it.each(APPS)('$example: builds, runs read-only as uid 10001 with no capabilities, is healthy, stops cleanly', async ({ example, image }) => {
    const dir = await mkdtemp(path.join(tmpdir(), `dx-example-${example}-`));
    dirs.push(dir);
    await cp(path.join(EXAMPLES, example), dir, { recursive: true });
    const stack = (await detectStack(dir))!;
    const base = env.images[image]!;
    const opts = { baseImages: { build: base, runtime: base } };
    const generated = generateDockerfile(stack, opts);
    for (const f of generated.files) await writeFile(path.join(dir, f.path), f.content);
    const service = (parse(generateCompose(stack, opts).compose) as { services: Record<string, any> }).services[stack.name];

    const tag = `localhost/${uniqueName(example)}:test`;
    await buildImage(janitor, env, dir, tag, { timeoutMs: BUILD_AND_RUN_TIMEOUT_MS });
    const port = generated.plan.port!;
    const hostPort = await freePort();
    const name = await runDetached(janitor, env, example, { image: tag, flags: runFlagsOf(service), publish: { containerPort: port, hostPort } });

    const health = await waitForHttp(hostPort, '/health', 60_000);
    expect(health.status).toBe(200);
    await waitForHealthy(env, name);
    expect(await inspect(env, name, '{{.Config.User}}')).toBe('10001:10001');

    await dockerOk(env, ['stop', '--time', '10', name]);
    // 0, not 143 (killed by SIGTERM) or 137 (SIGKILL after the grace period): the app shut down by itself.
    expect(await inspect(env, name, '{{.State.ExitCode}}')).toBe('0');
  }, BUILD_AND_RUN_TIMEOUT_MS);
});
