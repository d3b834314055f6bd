/**
 * Issue 10's whole path: the offline expert containerizes a sample app through the real loop and tools, then the real
 * docker CLI builds what it wrote on the local podman engine, runs it with --init --name, and the app and its own
 * HEALTHCHECK answer. Skipped with a visible reason where the engine cannot start (scripts/engine/setup.sh).
 */
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startRun } from '../../agent/start.js';
import { buildAndServe, ContainerJanitor, engineForTests, inspect, type EngineImages } from '../support/engine.js';

/** A two-stage build and a start on a loaded 2-core machine. */
const E2E_TIMEOUT_MS = 360_000;

const APPS: { example: string; build: keyof EngineImages; runtime: keyof EngineImages; port: number }[] = [
  { example: 'node-api', build: 'node', runtime: 'node', port: 3000 },
  { example: 'go-service', build: 'golang', runtime: 'busybox', port: 8080 },
];

const { env, skip, title } = await engineForTests('the offline expert containerizes sample apps that build and run on a real engine', ['node', 'golang', 'busybox']);

describe.skipIf(skip !== undefined)(title, () => {
  const janitor = new ContainerJanitor(env);
  const dirs: string[] = [];
  afterEach(() => janitor.cleanup());
  afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it.each(APPS)('$example: containerize, build, run, answer, healthy', async (app) => {
    const dir = await mkdtemp(path.join(tmpdir(), `de-e2e-${app.example}-`));
    dirs.push(dir);
    await cp(path.resolve('examples', app.example), dir, { recursive: true });
    const run = await startRun({
      agent: 'docker-expert',
      task: 'containerize this app',
      cwd: dir,
      env: {},
      generatorOptions: { baseImages: { build: env.images[app.build], runtime: env.images[app.runtime] } },
    });
    const result = await run.result;
    expect(result.subtype).toBe('success');
    expect((result.handoff as any).artifacts.map((a: any) => a.path)).toContain('Dockerfile');
    const dockerfile = await readFile(path.join(dir, 'Dockerfile'), 'utf8');
    expect(dockerfile).toContain(env.images[app.runtime]!);

    const { name, answer } = await buildAndServe(janitor, env, app.example, { context: dir, containerPort: app.port, path: '/health', waitHealthy: true, timeoutMs: E2E_TIMEOUT_MS });
    expect(answer.status).toBe(200);
    expect(await inspect(env, name, '{{.Config.User}}')).toMatch(/^10001/);
  }, E2E_TIMEOUT_MS);
});
