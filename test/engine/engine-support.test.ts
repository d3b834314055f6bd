import http from 'node:http';
import net from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineSkipReason, freePort, parseEngineEnvFile, probeEngine, waitForHttp } from '../support/engine.js';

// These tests need no engine: they drive the real docker CLI against local stand-ins.
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'dx-engine-support-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function envFile(name: string, text: string) {
  const file = path.join(dir, name);
  await writeFile(file, text);
  return file;
}

/** A Docker API stand-in on a unix socket: answers /_ping at once and /version after `delayMs`. */
async function slowDockerApi(socket: string, delayMs: number) {
  const server = http.createServer((req, res) => {
    const send = (body: unknown) => {
      res.setHeader('Content-Type', 'application/json');
      res.setHeader('Api-Version', '1.41');
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    if (req.url?.endsWith('/_ping')) return send('OK');
    if (req.url?.endsWith('/version')) {
      setTimeout(() => send({ Version: '0.0.0-stand-in', ApiVersion: '1.41', MinAPIVersion: '1.24', Os: 'linux', Arch: 'amd64' }), delayMs);
      return;
    }
    res.statusCode = 404;
    send({ message: 'not here' });
  });
  await new Promise<void>((resolve) => server.listen(socket, resolve));
  return server;
}

describe('parseEngineEnvFile', () => {
  it('reads KEY=VALUE lines, skipping blanks and comments', () => {
    const vars = parseEngineEnvFile('# engine\nDOCKER_HOST=unix:///x/podman.sock\n\nDOCKER_CONFIG=/x/cfg\n', '/x/env');
    expect(vars).toEqual({ DOCKER_HOST: 'unix:///x/podman.sock', DOCKER_CONFIG: '/x/cfg' });
  });

  it('names the file and line of a malformed line', () => {
    expect(() => parseEngineEnvFile('DOCKER_HOST=unix:///s\nexport BROKEN\n', '/x/env')).toThrow(
      '/x/env:2: expected KEY=VALUE, got "export BROKEN"',
    );
  });

  it('requires DOCKER_HOST', () => {
    expect(() => parseEngineEnvFile('DOCKER_CONFIG=/x\n', '/x/env')).toThrow('/x/env: no DOCKER_HOST line');
  });
});

describe('probeEngine', () => {
  it('gives a reason, not an exception, for a malformed env file', async () => {
    const file = await envFile('bad-env', 'DOCKER_HOST=unix:///nowhere\nnot a line\n');
    const status = await probeEngine({ envFile: file });
    expect(status).toEqual({ ok: false, reason: `${file}:2: expected KEY=VALUE, got "not a line"` });
  });

  it('gives a reason when the socket is not there', async () => {
    const file = await envFile('missing-socket', `DOCKER_HOST=unix://${dir}/absent.sock\nDOCKER_CONFIG=${dir}\n`);
    const status = await probeEngine({ envFile: file });
    expect(status.ok).toBe(false);
    if (!status.ok) expect(status.reason).toContain(`docker version against unix://${dir}/absent.sock failed`);
    expect(engineSkipReason(status)).toContain('absent.sock');
  });

  it('is ok when the API answers within the probe timeout, and not when it answers later', async () => {
    const socket = path.join(dir, 'slow.sock');
    const server = await slowDockerApi(socket, 1_500);
    try {
      const file = await envFile('slow', `DOCKER_HOST=unix://${socket}\nDOCKER_CONFIG=${dir}\n`);
      const late = await probeEngine({ envFile: file, probeTimeoutMs: 500 });
      expect(late).toEqual({ ok: false, reason: `the engine at unix://${socket} did not answer within 500 ms` });
      const inTime = await probeEngine({ envFile: file, probeTimeoutMs: 8_000 });
      expect(inTime.ok).toBe(true);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('lists the local images the env file names, and skips tests needing an image it lacks', async () => {
    const socket = path.join(dir, 'fast.sock');
    const server = await slowDockerApi(socket, 0);
    try {
      const file = await envFile(
        'images',
        `DOCKER_HOST=unix://${socket}\nDOCKER_CONFIG=${dir}\nDOCKER_EXPERT_IMAGE_BUSYBOX=localhost/busybox:local\n`,
      );
      const status = await probeEngine({ envFile: file });
      expect(status.ok && status.env.images).toEqual({ busybox: 'localhost/busybox:local' });
      expect(status.ok && status.env.vars).toEqual({ DOCKER_HOST: `unix://${socket}`, DOCKER_CONFIG: dir });
      expect(engineSkipReason(status, ['busybox'])).toBeUndefined();
      expect(engineSkipReason(status, ['busybox', 'node'])).toBe(`no local node image in ${file} (run scripts/engine/setup.sh)`);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('waitForHttp', () => {
  it('returns the first HTTP answer, even one that comes after a few refused attempts', async () => {
    const port = await freePort();
    const server = http.createServer((_req, res) => res.end('up'));
    setTimeout(() => server.listen(port, '127.0.0.1'), 300);
    try {
      await expect(waitForHttp(port, '/', 5_000)).resolves.toEqual({ status: 200, body: 'up' });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('does not count a port that accepts TCP but never answers HTTP', async () => {
    const port = await freePort();
    const sockets: net.Socket[] = [];
    const server = net.createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    try {
      await expect(waitForHttp(port, '/', 600)).rejects.toThrow(`nothing answered HTTP on 127.0.0.1:${port}/ within 600 ms`);
    } finally {
      sockets.forEach((s) => s.destroy());
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
