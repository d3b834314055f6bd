import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { engineForTests, parseEngineEnvFile, probeEngine, processAlive } from '../support/engine.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SETUP = path.join(ROOT, 'scripts/engine/setup.sh');
const TEARDOWN = path.join(ROOT, 'scripts/engine/teardown.sh');

function script(file: string, args: string[], extraEnv: Record<string, string> = {}) {
  return execa('bash', [file, ...args], { env: extraEnv, reject: false, timeout: 120_000 });
}

describe('scripts/engine/setup.sh arguments', () => {
  it('rejects an unknown option, naming it', async () => {
    const result = await script(SETUP, ['--bogus']);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain("unknown option '--bogus'");
  });
});

// Starting a second service (on a socket of its own) needs root and the packages a first setup installed.
const { skip: noEngine } = await engineForTests('setup.sh');
const skip = noEngine ?? (process.getuid?.() !== 0 ? 'not root' : undefined);
const title = 'scripts/engine/setup.sh and teardown.sh on a fresh engine folder';

describe.skipIf(skip !== undefined)(skip ? `${title} (skipped: ${skip})` : title, () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) {
      await script(TEARDOWN, [], { DOCKER_EXPERT_ENGINE_DIR: dir });
      await rm(dir, { recursive: true, force: true });
    }
  });

  async function engineDir() {
    const dir = await mkdtemp(path.join(tmpdir(), 'dx-engine-setup-'));
    dirs.push(dir);
    return { DOCKER_EXPERT_ENGINE_DIR: dir };
  }

  it('starts a service that answers, is idempotent, and teardown stops exactly that service', async () => {
    const dirEnv = await engineDir();
    const dir = dirEnv.DOCKER_EXPERT_ENGINE_DIR;
    const first = await script(SETUP, ['--minimal'], dirEnv);
    expect(first.exitCode, first.stderr).toBe(0);
    expect(first.stderr).toContain(`starting podman system service on ${dir}/podman.sock`);

    const envFile = path.join(dir, 'env');
    const vars = parseEngineEnvFile(await readFile(envFile, 'utf8'), envFile);
    expect(vars.DOCKER_HOST).toBe(`unix://${dir}/podman.sock`);
    expect(JSON.parse(await readFile(path.join(vars.DOCKER_CONFIG, 'config.json'), 'utf8'))).toEqual({});
    expect(await readFile(vars.CONTAINERS_CONF, 'utf8')).toContain('runtime = "runc"');
    expect(first.stdout.trim().split('\n')).toEqual(
      (await readFile(envFile, 'utf8')).trim().split('\n').map((line) => `export ${line}`),
    );
    expect((await probeEngine({ envFile })).ok).toBe(true);
    const pid = Number(await readFile(path.join(dir, 'service.pid'), 'utf8'));
    expect(processAlive(pid)).toBe(true);

    const second = await script(SETUP, ['--minimal'], dirEnv);
    expect(second.exitCode, second.stderr).toBe(0);
    expect(second.stderr).toContain('podman service already answers');
    expect(Number(await readFile(path.join(dir, 'service.pid'), 'utf8'))).toBe(pid);

    const down = await script(TEARDOWN, [], dirEnv);
    expect(down.exitCode, down.stderr).toBe(0);
    expect(processAlive(pid)).toBe(false);
    expect(existsSync(path.join(dir, 'podman.sock'))).toBe(false);
    expect(existsSync(envFile)).toBe(false);
    expect((await probeEngine({ envFile })).ok).toBe(false);
  });

  it('gives up at the start timeout, leaving no service and no env file behind', async () => {
    const dirEnv = await engineDir();
    const dir = dirEnv.DOCKER_EXPERT_ENGINE_DIR;
    const result = await script(SETUP, ['--minimal'], { ...dirEnv, DOCKER_EXPERT_ENGINE_START_TIMEOUT: '0' });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('podman service did not answer within 0 s');
    expect(existsSync(path.join(dir, 'service.pid'))).toBe(false);
    expect(existsSync(path.join(dir, 'env'))).toBe(false);
    expect(existsSync(path.join(dir, 'podman.sock'))).toBe(false);
  });
});
