import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bashHttpProbe, nodeHttpProbe, pythonHttpProbe, wgetHttpProbe } from '../../tools/generator/dockerfile/probes.js';
import { freePort } from '../support/engine.js';

/** The interpreter itself, not a pyenv shim (a shim costs seconds per start on a loaded machine). */
const python = await execa('python3', ['-c', 'import sys; print(sys.executable)'], { reject: false }).catch(() => undefined);
const PYTHON = python?.exitCode === 0 ? python.stdout.trim() : 'python3';
/** Generous: these start interpreters on a machine shared by many builds. */
const PROBE_RUN_TIMEOUT_MS = 30_000;

/** Each probe runs for real against a local server: 2xx passes, 4xx/5xx and a closed port fail. */
const TOOLS: [string, (port: number, path: string) => string[], (argv: string[]) => [string, string[]]][] = [
  ['node', nodeHttpProbe, ([, ...args]) => [process.execPath, args]],
  ['bash', bashHttpProbe, ([cmd, ...args]) => [cmd, args]],
  ['python', pythonHttpProbe, ([, ...args]) => [PYTHON, args]],
  ['busybox wget', wgetHttpProbe, (argv) => ['busybox', argv]],
];

async function available(cmd: string): Promise<boolean> {
  const r = await execa(cmd === 'bash' ? 'bash' : cmd, cmd === 'busybox' ? ['true'] : ['--version'], { reject: false }).catch(() => undefined);
  return r?.exitCode === 0;
}

describe('health probes', () => {
  let server: http.Server;
  let port: number;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      res.statusCode = req.url === '/health' ? 200 : req.url === '/moved' ? 302 : req.url === '/broken' ? 500 : 404;
      res.end('x');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  for (const [name, probe, spawnOf] of TOOLS) {
    it(`${name}: 200 passes; 404, 500 and a closed port fail`, async (ctx) => {
      const [cmd] = spawnOf(probe(1, '/'));
      if (!(await available(cmd === process.execPath ? 'node' : cmd))) {
        console.warn(`[probe test skipped] ${name}: ${cmd} is not on this machine`);
        ctx.skip();
      }
      const run = async (p: number, path: string) => {
        const [c, args] = spawnOf(probe(p, path));
        return (await execa(c, args, { reject: false, timeout: PROBE_RUN_TIMEOUT_MS, env: { PORT: '' } })).exitCode;
      };
      const closed = await freePort();
      const [ok, missing, broken, refused] = await Promise.all([
        run(port, '/health'), run(port, '/nope'), run(port, '/broken'), run(closed, '/health'),
      ]);
      expect(ok).toBe(0);
      expect(missing).not.toBe(0);
      expect(broken).not.toBe(0);
      expect(refused).not.toBe(0);
    }, 4 * PROBE_RUN_TIMEOUT_MS);
  }
});
