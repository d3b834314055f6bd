/** `docker-expert keys` and `docker-expert serve` as commands (the bundle, as users run them). */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, test } from 'vitest';

const BIN = path.resolve('bin/docker-expert.js');
const data = mkdtempSync(path.join(tmpdir(), 'de-serve-cli-'));
const env = { PATH: process.env.PATH, HOME: process.env.HOME };
const cli = (args: string[]) => execa(process.execPath, [BIN, ...args], { reject: false, env, extendEnv: false });
afterAll(() => rmSync(data, { recursive: true, force: true }));

describe('docker-expert keys and serve', () => {
  test('keys create prints the key once, stores only a scrypt hash; list and revoke; a revoked key is refused by a running server', async () => {
    const created = await cli(['keys', 'create', 'ci-runner', '--data', data]);
    expect(created.exitCode).toBe(0);
    const key = created.stdout.trim();
    expect(key).toMatch(/^dxk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    const stored = readFileSync(path.join(data, 'keys.json'), 'utf8');
    expect(stored).not.toContain(key.split('_').at(-1));
    expect(stored).toContain('"hash": "scrypt$');
    expect(statSync(path.join(data, 'keys.json')).mode & 0o077).toBe(0);
    expect((await cli(['keys', 'create', 'ci-runner', '--data', data])).exitCode).toBe(2);
    const listed = await cli(['keys', 'list', '--data', data]);
    expect(listed.stdout).toMatch(/^ci-runner\t[0-9a-f]{12}\t/);

    const server = execa(process.execPath, [BIN, 'serve', '--port', '0', '--data', data, '--no-verify'], { env, extendEnv: false, reject: false });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let err = '';
        server.stderr!.on('data', (b: Buffer) => {
          err += b.toString();
          const m = /"event":"listening","url":"([^"]+)"/.exec(err);
          if (m) resolve(m[1]!);
        });
        void server.then(() => reject(new Error(`serve exited: ${err}`)));
      });
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect((await fetch(`${url}/.well-known/agent-card.json`)).status).toBe(200);
      const get = () => fetch(`${url}/a2a/rest/tasks/no-such-task`, { headers: { authorization: `Bearer ${key}`, 'a2a-version': '1.0' } });
      const before = await get();
      const text = await before.text();
      expect(before.status, text).toBe(404);
      expect(text).toMatch(/not found/i);
      expect((await cli(['keys', 'revoke', 'ci-runner', '--data', data])).exitCode).toBe(0);
      expect((await get()).status).toBe(401);
      expect((await cli(['keys', 'revoke', 'ci-runner', '--data', data])).exitCode).toBe(1);
    } finally {
      server.kill('SIGTERM');
      await server;
    }
  }, 60_000);
});
