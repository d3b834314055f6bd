/**
 * deploy/Dockerfile builds on the real engine from this repository, with no network: the base images are the
 * engine's local stand-ins for node:*-bookworm(-slim), npm installs from this machine's npm cache (the build's
 * network is off), and the image then runs as a non-root user and passes its own HEALTHCHECK.
 */
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { ContainerJanitor, freePort, inspect, runDetached, uniqueName, waitForHealthy, waitForHttp, engineForTests } from '../support/engine.js';
import { postgresForTests } from '../support/postgres.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The build compiles nothing but better-sqlite3 and bundles the CLI; a busy 2-core machine still needs minutes. */
const BUILD_TIMEOUT_MS = 600_000;

const SUBJECT = 'deploy/Dockerfile builds offline and the image runs healthy';
// The image's Node is its own, not the line's: CI builds it on its first Node line only (.ci/node-line sets this).
const skipBuild = process.env.DOCKER_EXPERT_SKIP_IMAGE_BUILD === '1';
const { env, skip, title } = skipBuild
  ? { env: undefined as never, skip: 'DOCKER_EXPERT_SKIP_IMAGE_BUILD=1', title: `${SUBJECT} (skipped: DOCKER_EXPERT_SKIP_IMAGE_BUILD=1, built on the first CI line)` }
  : await engineForTests(SUBJECT, ['node', 'nodeBuild']);
const db = skipBuild ? undefined : await postgresForTests('deploy image');

/**
 * The repository's files as a build context (what git tracks or would track), with the lockfile's `resolved`
 * URLs filled in: the project's lockfile omits them (omit-lockfile-registry-resolved), and without them npm asks the
 * registry for each package's metadata, which an offline build cannot; with them it takes the tarballs from the cache
 * by their integrity hashes.
 */
async function buildContext(dir: string): Promise<void> {
  const { stdout } = await execa('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: ROOT });
  for (const rel of stdout.split('\0').filter(Boolean)) {
    const top = rel.split('/')[0]!;
    if (['test', 'bench', 'stryker', 'docs', 'examples'].includes(top)) continue;
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await copyFile(path.join(ROOT, rel), path.join(dir, rel)).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err; // deleted in the work tree, not yet in git
    });
  }
  const lock = JSON.parse(await readFile(path.join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string; resolved?: string; link?: boolean }> };
  for (const [key, entry] of Object.entries(lock.packages)) {
    if (!key || entry.link || entry.resolved || !entry.version) continue;
    const name = key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
    entry.resolved = `https://registry.npmjs.org/${name}/-/${name.split('/').pop()}-${entry.version}.tgz`;
  }
  await writeFile(path.join(dir, 'package-lock.json'), JSON.stringify(lock, null, 2) + '\n');
}

describe.skipIf(skip !== undefined || db?.skip !== undefined)(skip || !db ? title : db.skip ? db.title : title, () => {
  const janitor = new ContainerJanitor(env);
  let dir = '';
  afterAll(async () => {
    await janitor.cleanup();
    await db!.dropAll();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('builds with no network, runs as uid 10001 against the test PostgreSQL, answers /healthz and /readyz and reports healthy', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'dx-deploy-image-'));
    await buildContext(dir);
    const tag = janitor.image(`localhost/${uniqueName('deploy')}:test`);
    const build = await execa('podman', [
      // Docker's image format: the OCI format has no HEALTHCHECK (podman drops it with a warning).
      'build', '--force-rm', '--format', 'docker', '--network=none', '-f', 'deploy/Dockerfile', '-t', tag,
      '--build-arg', `NODE_BUILD_IMAGE=${env.images.nodeBuild}`,
      '--build-arg', `NODE_IMAGE=${env.images.node}`,
      '--build-context', `npm-cache=${path.join(homedir(), '.npm')}`,
      '--build-arg', 'NPM_CACHE=/npm-cache', '--build-arg', 'NPM_OFFLINE=1',
      '.',
    ], { cwd: dir, env: env.vars, reject: false, timeout: BUILD_TIMEOUT_MS, all: true });
    expect(build.exitCode, build.all?.slice(-4000)).toBe(0);
    expect(await inspect(env, tag, '{{.Config.User}}')).toBe('10001:10001');

    const port = await freePort();
    // Host networking: the container reaches the test database on this machine's loopback, and only there.
    const name = await runDetached(janitor, env, 'deploy-serve', {
      image: tag,
      flags: ['--network=host', '--env', `DOCKER_EXPERT_PORT=${port}`],
      // API only, on the test database: tasks, keys and the queue in PostgreSQL.
      command: ['serve', '--host', '127.0.0.1', '--port', String(port), '--workers', '0', '--database', await db!.freshDatabase()],
    });
    await waitForHttp(port, '/healthz', 60_000);
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(res.status).toBe(200);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(ready.status, await ready.text()).toBe(200);
    await waitForHealthy(env, name, 60_000);
    const { stdout: uid } = await execa('podman', ['exec', name, 'id', '-u'], { env: env.vars });
    expect(uid.trim()).toBe('10001');
  }, BUILD_TIMEOUT_MS + 120_000);
});
