import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { postgresForTests } from '../support/postgres.js';

const SETUP = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../scripts/postgres/setup.sh');
// Needs the packages installed (a running setup proves they are) and a free port beside the shared cluster's.
const db = await postgresForTests('scripts/postgres/setup.sh on a fresh folder');

describe.skipIf(db.skip !== undefined)(db.title, () => {
  let dir = '';
  let stop: (() => Promise<unknown>) | undefined;
  afterAll(async () => {
    await stop?.();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('starts a non-root cluster on loopback, prints its URL, and reuses it on a second run', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'dx-pg-setup-'));
    await chmod(dir, 0o755); // the cluster's user must reach the folder below
    const port = String(55000 + Math.floor(Math.random() * 5000));
    const env = { DOCKER_EXPERT_PG_DIR: path.join(dir, 'pg'), DOCKER_EXPERT_PG_PORT: port };
    const first = await execa('bash', [SETUP], { env, timeout: 120_000 });
    const url = `postgres://postgres@127.0.0.1:${port}/docker_expert_test`;
    expect(first.stdout).toBe(`export DOCKER_EXPERT_TEST_DATABASE_URL=${url}`);
    const vars = await readFile(path.join(dir, 'pg', 'env'), 'utf8');
    expect(vars).toContain(`DOCKER_EXPERT_TEST_DATABASE_URL=${url}\n`);
    const bin = /DOCKER_EXPERT_PG_BIN=(.*)/.exec(vars)![1]!;
    const data = path.join(dir, 'pg', 'data');
    stop = () => (process.getuid?.() === 0 ? execa('setpriv', ['--reuid=docker-expert-pg', '--regid=docker-expert-pg', '--clear-groups', '--', `${bin}/pg_ctl`, '-D', data, '-m', 'immediate', 'stop']) : execa(`${bin}/pg_ctl`, ['-D', data, '-m', 'immediate', 'stop'])).catch(() => {});

    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const { rows } = await c.query("SELECT current_setting('listen_addresses') AS listen, (SELECT usename FROM pg_stat_activity WHERE backend_type = 'checkpointer' LIMIT 1) AS who");
    await c.end();
    expect(rows[0].listen).toBe('127.0.0.1');
    // The server process runs as a non-root user.
    const { stdout: owner } = await execa('stat', ['-c', '%U', data]);
    expect(owner).not.toBe('root');

    const second = await execa('bash', [SETUP], { env, timeout: 60_000 });
    expect(second.stdout).toBe(first.stdout);
    expect(second.stderr).toContain(`a server already answers on 127.0.0.1:${port}`);
  }, 150_000);
});
