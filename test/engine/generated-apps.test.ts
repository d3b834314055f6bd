import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { detectStack } from '../../tools/generator/detect-stack.js';
import { generateDockerfile } from '../../tools/generator/generate-dockerfile.js';
import {
  ContainerJanitor,
  buildAndServe,
  engineForTests,
  type EngineImages,
} from '../support/engine.js';

/** A generated multi-stage build on a busy 2-core machine: generous, but bounded. */
const BUILD_AND_RUN_TIMEOUT_MS = 300_000;
const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

interface SampleApp {
  fixture: string;
  /** The local image standing in for the official one (no registry here). */
  image: keyof EngineImages;
  /** The final stage's stand-in, when it differs from `image`. */
  runtimeImage?: keyof EngineImages;
  /** What the app's `/` answers, before its `uid=N`. */
  greeting: RegExp;
}

/** Node is covered by test/generator/examples-engine.test.ts (examples/node-api, hardened run flags). */
const APPS: SampleApp[] = [
  { fixture: 'python-hello', image: 'python', greeting: /^python-hello / },
  // A static Go binary: Debian's Go to build, the busybox image (it has the probe's wget) to run.
  { fixture: 'go-hello', image: 'golang', runtimeImage: 'busybox', greeting: /^go-hello go\d+\.\d+/ },
];

const { env, skip, title } = await engineForTests('generated Dockerfiles build and run on the real engine', [
  'busybox',
  'python',
  'golang',
]);

describe.skipIf(skip !== undefined)(title, () => {
  const janitor = new ContainerJanitor(env);
  const dirs: string[] = [];

  afterEach(async () => {
    await janitor.cleanup();
  });
  afterAll(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  for (const app of APPS) {
    it(`${app.fixture}: builds, runs non-root with --init, answers on its port and passes its HEALTHCHECK`, async () => {
      const dir = await mkdtemp(path.join(tmpdir(), `dx-${app.fixture}-`));
      dirs.push(dir);
      await cp(path.join(FIXTURES, app.fixture), dir, { recursive: true });
      const stack = await detectStack(dir);
      expect(stack, `no stack detected in ${app.fixture}`).toBeDefined();
      const build = env.images[app.image]!;
      const runtime = env.images[app.runtimeImage ?? app.image]!;
      const generated = generateDockerfile(stack!, { baseImages: { build, runtime } });
      for (const file of generated.files) await writeFile(path.join(dir, file.path), file.content);
      const { port, uid, healthcheck } = generated.plan;
      expect(port).toBeDefined();
      expect(healthcheck).toBeDefined();

      const { answer } = await buildAndServe(janitor, env, app.fixture, {
        context: dir,
        containerPort: port!,
        waitHealthy: true,
        timeoutMs: BUILD_AND_RUN_TIMEOUT_MS,
      });
      expect(answer.status).toBe(200);
      expect(answer.body).toMatch(app.greeting);
      expect(answer.body).toMatch(new RegExp(` uid=${uid}$`));
      expect(uid).not.toBe(0);
    }, BUILD_AND_RUN_TIMEOUT_MS);
  }
});
