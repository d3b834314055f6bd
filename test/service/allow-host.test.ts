/** `--allow-host`: a server behind a Service or proxy answers requests naming it, and still refuses other names. */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestServer, type TestServer } from './helpers.js';

function get(port: number, host: string, key: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/a2a/rest/tasks/none', headers: { host, authorization: `Bearer ${key}`, 'a2a-version': '1.0' } }, (res) => {
      res.resume();
      resolve(res.statusCode!);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('serve --allow-host', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(['a'], { allowHosts: ['docker-expert.docker-expert.svc'] });
  });
  afterAll(() => server.cleanup());

  test('a named host is let through to the key check, with or without a port; other names are refused', async () => {
    const { port } = server.handle;
    const key = server.keys.a!;
    expect(await get(port, 'docker-expert.docker-expert.svc', key)).toBe(404);
    expect(await get(port, 'docker-expert.docker-expert.svc:80', key)).toBe(404);
    expect(await get(port, 'docker-expert.docker-expert.svc.evil.example', key)).toBe(403);
    expect(await get(port, 'evil.example', key)).toBe(403);
  });
});
