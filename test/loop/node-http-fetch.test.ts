import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeHttpFetch } from '../../agent/models/node-http-fetch.js';

let server: http.Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = undefined;
});

async function serve(handler: http.RequestListener): Promise<string> {
  server = http.createServer(handler);
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('nodeHttpFetch (the Messages API client transport)', () => {
  it('sends method, headers and body with its length; answers with status, headers and the body', async () => {
    let seen: { method?: string; headers?: http.IncomingHttpHeaders; body?: string } = {};
    const url = await serve((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        seen = { method: req.method, headers: req.headers, body };
        res.writeHead(429, 'Too Many', { 'retry-after-ms': '5', 'x-a': ['1', '2'] });
        res.end('{"é":1}');
      });
    });
    const res = await nodeHttpFetch(`${url}/v1/messages`, { method: 'POST', headers: { 'x-api-key': 'k' }, body: '{"é":1}' });
    expect(seen).toMatchObject({ method: 'POST', body: '{"é":1}', headers: { 'x-api-key': 'k', 'content-length': '8' } });
    expect([res.status, res.statusText, res.ok]).toEqual([429, 'Too Many', false]);
    expect(res.headers.get('retry-after-ms')).toBe('5');
    expect(res.headers.get('x-a')).toBe('1, 2');
    expect(await res.json()).toEqual({ é: 1 });
  });

  it('decodes a gzip body the server sent anyway', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip' });
      res.end(gzipSync('event: ping\n\n'));
    });
    expect(await (await nodeHttpFetch(url)).text()).toBe('event: ping\n\n');
  });

  it('a refused connection rejects as fetch does (TypeError, the socket error as cause)', async () => {
    const url = await serve(() => {});
    await new Promise<void>((r) => server!.close(() => r()));
    server = undefined;
    const err = await nodeHttpFetch(url).catch((e) => e);
    expect(err).toBeInstanceOf(TypeError);
    expect(err.message).toBe('fetch failed');
    expect(err.cause.code).toBe('ECONNREFUSED');
  });

  it('an abort while the body streams errors the body with the AbortError', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('event: one\n\n');
    });
    const controller = new AbortController();
    const res = await nodeHttpFetch(url, { signal: controller.signal });
    const reader = res.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('event: one\n\n');
    controller.abort();
    const err = await reader.read().catch((e) => e);
    expect(err.name).toBe('AbortError');
    await expect(nodeHttpFetch(url, { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('an abort while for await reads the body (how the SDK reads it) ends the loop with the AbortError', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('event: one\n\n');
    });
    const controller = new AbortController();
    const res = await nodeHttpFetch(url, { signal: controller.signal });
    const seen: string[] = [];
    const err = await (async () => {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        seen.push(new TextDecoder().decode(chunk));
        controller.abort();
      }
    })().catch((e) => e);
    expect(seen).toEqual(['event: one\n\n']);
    expect(err.name).toBe('AbortError');
  });

  it('a request on a kept-alive connection the server has closed goes once more on a new one', async () => {
    let answered = 0;
    const served = new WeakSet<object>();
    const url = await serve((req, res) => {
      // A second request on a connection that already had one: the server drops it unanswered (as a server whose
      // keep-alive timeout just ran out does).
      if (served.has(req.socket)) return void req.socket.destroy();
      served.add(req.socket);
      answered++;
      res.end('ok');
    });
    expect(await (await nodeHttpFetch(url, { method: 'POST', body: 'a' })).text()).toBe('ok');
    expect(await (await nodeHttpFetch(url, { method: 'POST', body: 'b' })).text()).toBe('ok');
    expect(answered).toBe(2);
  });

  it('calls onBodyChunk as each chunk of the body arrives, before it is read', async () => {
    let release!: () => void;
    const more = new Promise<void>((r) => (release = r));
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('event: one\n\n');
      void more.then(() => res.end('event: two\n\n'));
    });
    let chunks = 0;
    let firstChunk!: () => void;
    const first = new Promise<void>((r) => (firstChunk = r));
    const res = await nodeHttpFetch(url, {}, { onBodyChunk: () => (++chunks === 1 ? firstChunk() : undefined) });
    // Counted on arrival: nothing has read the body yet.
    await first;
    expect(chunks).toBe(1);
    release();
    expect(await res.text()).toBe('event: one\n\nevent: two\n\n');
    expect(chunks).toBe(2);
  });

  it('calls onBodyChunk for a body that came through the global fetch too', async () => {
    const url = await serve((_req, res) => res.end('streamed'));
    let chunks = 0;
    // A streamed request body is not one node:http sends as it is: the global fetch answers.
    const body = new ReadableStream({ start: (c) => (c.enqueue(new TextEncoder().encode('x')), c.close()) });
    const res = await nodeHttpFetch(url, { method: 'POST', body, duplex: 'half' } as RequestInit, { onBodyChunk: () => chunks++ });
    expect(await res.text()).toBe('streamed');
    expect(chunks).toBe(1);
  });
});
