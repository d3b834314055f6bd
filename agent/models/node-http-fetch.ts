/**
 * The `fetch` the Messages API client is given: the request goes out on node:http / node:https, the answer comes back
 * as a `Response` (light-http.ts's, which loads no undici; its body is the response's Node stream, read as it arrives,
 * so streaming is unchanged). Node's own fetch
 * (undici) costs 100-200 ms of CPU on a process's first request on Node 20 (about 90 ms on 24): its HTTP parser is
 * WebAssembly compiled at run time, plus its stream machinery; node:http parses with the parser built into Node.
 * Anything this does not handle the same way (another scheme, a streamed or form body) goes to the global fetch.
 * What stays as fetch has it: connection failures reject with `TypeError('fetch failed')` whose cause is the socket
 * error, an abort rejects with the signal's reason (an AbortError) and errors the body being read, a gzip/deflate/br
 * body is decoded.
 * `onBodyChunk` is called for each chunk of the body as it arrives (the run's idle watchdog counts these), whether or
 * not anyone reads it yet. `onSent` is called once the request (body included) has been handed to the connection; on
 * the global fetch's path, once its answer begins.
 */
import type { IncomingMessage } from 'node:http';
import { Readable, type Transform } from 'node:stream';
import { LightHeaders, LightResponse } from './light-http.js';

const NULL_BODY_STATUS = new Set([101, 204, 205, 304]);

export interface NodeHttpFetchOptions {
  onBodyChunk?: () => void;
  onSent?: () => void;
}

export function nodeHttpFetch(input: string | URL | Request, init: RequestInit = {}, options: NodeHttpFetchOptions = {}): Promise<Response> {
  return send(input, init, options, false);
}

async function send(input: string | URL | Request, init: RequestInit, options: NodeHttpFetchOptions, retriedStaleSocket: boolean): Promise<Response> {
  const { onBodyChunk, onSent } = options;
  const url = typeof input === 'string' ? new URL(input) : input instanceof URL ? input : undefined;
  const body = init.body;
  const plainBody = body === undefined || body === null || typeof body === 'string' || body instanceof Uint8Array;
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || !plainBody) {
    const answer = await fetch(input, init);
    onSent?.();
    return watched(answer, onBodyChunk);
  }
  const signal = init.signal ?? undefined;
  if (signal?.aborted) throw signal.reason;
  // Not `import('node:http')`: on Node 24 an ES import of node:http reads every export, and its WebSocket,
  // CloseEvent and MessageEvent getters load all of undici (with http2 and perf_hooks); getBuiltinModule does not.
  const { request } = url.protocol === 'https:' ? process.getBuiltinModule('node:https') : process.getBuiltinModule('node:http');
  const method = (init.method ?? 'GET').toUpperCase();
  const headers: Record<string, string> = {};
  new LightHeaders(init.headers as ConstructorParameters<typeof LightHeaders>[0]).forEach((value, name) => (headers[name] = value));
  if (body !== undefined && body !== null) headers['content-length'] = String(typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength);

  return new Promise<Response>((resolve, reject) => {
    let response: IncomingMessage | undefined;
    const req = request(url, { method, headers }, (res) => {
      response = res;
      const status = res.statusCode ?? 0;
      const responseHeaders = new LightHeaders();
      for (let i = 0; i < res.rawHeaders.length; i += 2) responseHeaders.append(res.rawHeaders[i], res.rawHeaders[i + 1]);
      const nullBody = NULL_BODY_STATUS.has(status) || method === 'HEAD';
      if (nullBody) res.resume();
      // undici's Response would load all of undici: the same object without it (light-http.ts).
      resolve(new LightResponse(nullBody ? null : decoded(res, onBodyChunk), { status, statusText: res.statusMessage ?? '', headers: responseHeaders }) as unknown as Response);
    });
    const onAbort = () => {
      req.destroy(signal?.reason);
      response?.destroy(signal?.reason);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    req.on('close', () => signal?.removeEventListener('abort', onAbort));
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (signal?.aborted) return reject(signal.reason);
      // A kept-alive connection the server had already closed: the request never reached it, so it goes once more on
      // a new connection (what Node's documentation advises for reusedSocket; undici does the same).
      if (req.reusedSocket && !response && !retriedStaleSocket && err.code === 'ECONNRESET') {
        signal?.removeEventListener('abort', onAbort);
        return resolve(send(input, init, options, true));
      }
      reject(new TypeError('fetch failed', { cause: err }));
    });
    if (onSent) req.once('finish', onSent);
    req.end(body ?? undefined);
  });
}

/** The body as fetch gives it: decoded when the server compressed it anyway (no accept-encoding is sent). */
function decoded(res: IncomingMessage, onBodyChunk: (() => void) | undefined): Readable {
  if (onBodyChunk) {
    // Counted where the HTTP parser hands each chunk to the response, as it arrives: a 'data' listener would set the
    // stream flowing before the SDK starts to read it, and lose what came first.
    const push = res.push.bind(res);
    res.push = (chunk: unknown, encoding?: BufferEncoding) => {
      if (chunk !== null) onBodyChunk();
      return push(chunk, encoding);
    };
  }
  const encoding = (res.headers['content-encoding'] ?? '').trim().toLowerCase();
  let stream: Readable = res;
  if (encoding === 'gzip' || encoding === 'x-gzip' || encoding === 'deflate' || encoding === 'br') {
    stream = res.pipe(zlibStream(encoding));
    res.on('error', (err) => stream.destroy(err));
  }
  return stream;
}

/** A response from the global fetch, its body passed through a stream that calls `onBodyChunk` for each chunk. */
function watched(response: Response, onBodyChunk: (() => void) | undefined): Response {
  if (!onBodyChunk || !response.body) return response;
  const body = response.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        onBodyChunk();
        controller.enqueue(chunk);
      },
    }),
  );
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}

/** node:zlib is taken only for a compressed answer (the API sends none unasked): a run need not load it. */
function zlibStream(encoding: string): Transform {
  const zlib = process.getBuiltinModule('node:zlib');
  if (encoding === 'br') return zlib.createBrotliDecompress();
  return encoding === 'deflate' ? zlib.createInflate() : zlib.createGunzip();
}
