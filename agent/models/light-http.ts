/**
 * `Headers` and `Response` as the Messages API client uses them, without undici. On Node the global `Headers` and
 * `Response` are undici's: the first touch of either loads all of undici (its fetch, dispatchers, pools), some 25 ms
 * of CPU and 12 MiB before a process's first request, though nodeHttpFetch never sends through it. The bundle gives the
 * SDK's modules these classes in place of the globals (scripts/build.mjs), and nodeHttpFetch answers with them.
 * They follow the Fetch standard in what they implement (test/loop/light-http.test.ts runs the same operations on
 * both and compares): header names are checked and lower-cased, values trimmed of HTTP whitespace and checked,
 * repeated values joined with ", " (Set-Cookie kept apart), iteration in name order; a body is read once.
 */
import { Readable } from 'node:stream';

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const HTTP_WHITESPACE = /^[\t\n\r ]+|[\t\n\r ]+$/g;
const INVALID_VALUE = /[\0\n\r]|[^\0-\xff]/;

function checkedName(name: unknown, method: string): string {
  const s = String(name);
  if (!TOKEN.test(s)) throw new TypeError(`Headers.${method}: "${s}" is an invalid header name.`);
  return s.toLowerCase();
}

function checkedValue(value: unknown, method: string): string {
  const s = String(value).replace(HTTP_WHITESPACE, '');
  if (INVALID_VALUE.test(s)) throw new TypeError(`Headers.${method}: "${s}" is an invalid header value.`);
  return s;
}

type HeadersInput = LightHeaders | Headers | Iterable<readonly [string, string]> | Record<string, string> | undefined;

export class LightHeaders {
  /** Lower-cased name -> its values in the order they were added. */
  readonly #values = new Map<string, string[]>();

  constructor(init?: HeadersInput | null) {
    if (init === undefined || init === null) return;
    if (typeof init !== 'object') throw new TypeError('Headers constructor: the init is neither a sequence nor a record.');
    if (Symbol.iterator in init) {
      for (const pair of init as Iterable<readonly [string, string]>) {
        if (typeof pair !== 'object' || pair === null || [...pair].length !== 2) throw new TypeError('Headers constructor: expected name/value pair to be length 2.');
        const [name, value] = [...pair];
        this.append(name, value);
      }
      return;
    }
    for (const name of Object.keys(init)) this.append(name, (init as Record<string, string>)[name]);
  }

  append(name: string, value: string): void {
    const key = checkedName(name, 'append');
    const v = checkedValue(value, 'append');
    const list = this.#values.get(key);
    if (list) list.push(v);
    else this.#values.set(key, [v]);
  }

  set(name: string, value: string): void {
    this.#values.set(checkedName(name, 'set'), [checkedValue(value, 'set')]);
  }

  delete(name: string): void {
    this.#values.delete(checkedName(name, 'delete'));
  }

  has(name: string): boolean {
    return this.#values.has(checkedName(name, 'has'));
  }

  get(name: string): string | null {
    return this.#values.get(checkedName(name, 'get'))?.join(', ') ?? null;
  }

  getSetCookie(): string[] {
    return [...(this.#values.get('set-cookie') ?? [])];
  }

  *entries(): IterableIterator<[string, string]> {
    for (const name of [...this.#values.keys()].sort()) {
      const values = this.#values.get(name);
      if (!values) continue;
      if (name === 'set-cookie') for (const v of values) yield [name, v];
      else yield [name, values.join(', ')];
    }
  }

  *keys(): IterableIterator<string> {
    for (const [name] of this.entries()) yield name;
  }

  *values(): IterableIterator<string> {
    for (const [, value] of this.entries()) yield value;
  }

  forEach(callback: (value: string, name: string, headers: LightHeaders) => void, thisArg?: unknown): void {
    for (const [name, value] of this.entries()) callback.call(thisArg, value, name, this);
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }

  get [Symbol.toStringTag](): string {
    return 'Headers';
  }
}

export interface LightResponseInit {
  status?: number;
  statusText?: string;
  headers?: HeadersInput;
  url?: string;
}

export class LightResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: LightHeaders;
  readonly url: string;
  readonly redirected = false;
  readonly type = 'default';
  #body: ReadableStream<Uint8Array> | NodeStreamBody | null;
  #used = false;

  /** A Node stream body (nodeHttpFetch's) is read through NodeStreamBody, a web stream as it is. */
  constructor(body: ReadableStream<Uint8Array> | Readable | null = null, init: LightResponseInit = {}) {
    const status = init.status ?? 200;
    if (!Number.isInteger(status) || status < 200 || status > 599) throw new RangeError(`Response constructor: status ${status} is outside 200-599.`);
    this.status = status;
    this.statusText = init.statusText ?? '';
    this.headers = init.headers instanceof LightHeaders ? init.headers : new LightHeaders(init.headers);
    this.url = init.url ?? '';
    this.#body = body instanceof Readable ? new NodeStreamBody(body) : body;
  }

  get ok(): boolean {
    return this.status >= 200 && this.status <= 299;
  }

  get body(): ReadableStream<Uint8Array> | null {
    return this.#body as ReadableStream<Uint8Array> | null;
  }

  get bodyUsed(): boolean {
    return this.#used || (this.#body?.locked ?? false);
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = await this.#consume();
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }

  async text(): Promise<string> {
    // UTF-8 decode as fetch does: a byte-order mark is dropped, invalid bytes become U+FFFD.
    return new TextDecoder().decode(await this.#consume());
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  async blob(): Promise<Blob> {
    return new Blob([(await this.#consume()) as Uint8Array<ArrayBuffer>], { type: this.headers.get('content-type') ?? '' });
  }

  clone(): LightResponse {
    if (this.bodyUsed) throw new TypeError('Response.clone: the body has already been used.');
    let theirs: ReadableStream<Uint8Array> | null = null;
    if (this.#body) [this.#body, theirs] = this.#body.tee();
    return new LightResponse(theirs, { status: this.status, statusText: this.statusText, headers: new LightHeaders(this.headers), url: this.url });
  }

  async #consume(): Promise<Uint8Array> {
    // A null body reads as empty, any number of times (as fetch's).
    if (!this.#body) return new Uint8Array(0);
    if (this.bodyUsed) throw new TypeError('Response: the body has already been used.');
    this.#used = true;
    const chunks: Uint8Array[] = [];
    if (this.#body instanceof NodeStreamBody) {
      for await (const chunk of this.#body) chunks.push(chunk);
      return Buffer.concat(chunks);
    }
    const reader = this.#body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
    }
    return Buffer.concat(chunks);
  }
}

/**
 * A response body read from a Node stream, as a ReadableStream's reader sees it. `for await` reads the Node stream
 * itself: the SDK reads a body that way (it takes `Symbol.asyncIterator` first), and a web stream made for every
 * response, each chunk then passing through its reader, cost more CPU than parsing the events. Everything else
 * (getReader, tee, pipeThrough, pipeTo, values) works on a web stream made from the Node one on first use.
 */
export class NodeStreamBody {
  readonly #source: Readable;
  #web: ReadableStream<Uint8Array> | undefined;
  #iterated = false;

  constructor(source: Readable) {
    this.#source = source;
  }

  get locked(): boolean {
    return this.#iterated || (this.#web?.locked ?? false);
  }

  #stream(): ReadableStream<Uint8Array> {
    if (this.#iterated) throw new TypeError('ReadableStream: the stream is locked (it is being read).');
    return (this.#web ??= Readable.toWeb(this.#source) as ReadableStream<Uint8Array>);
  }

  getReader(): ReadableStreamDefaultReader<Uint8Array> {
    return this.#stream().getReader();
  }

  tee(): [ReadableStream<Uint8Array>, ReadableStream<Uint8Array>] {
    return this.#stream().tee();
  }

  pipeThrough<T>(transform: ReadableWritablePair<T, Uint8Array>, options?: StreamPipeOptions): ReadableStream<T> {
    return this.#stream().pipeThrough(transform, options);
  }

  pipeTo(destination: WritableStream<Uint8Array>, options?: StreamPipeOptions): Promise<void> {
    return this.#stream().pipeTo(destination, options);
  }

  values(options?: { preventCancel?: boolean }): AsyncIterableIterator<Uint8Array> {
    return this.#stream().values(options);
  }

  async cancel(reason?: unknown): Promise<void> {
    if (this.locked) throw new TypeError('ReadableStream.cancel: the stream is locked.');
    if (this.#web) return this.#web.cancel(reason);
    this.#source.destroy();
  }

  /** As a web stream's: chunk by chunk; leaving the loop early (break, an error) destroys the stream. */
  [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    if (this.locked) throw new TypeError('ReadableStream: the stream is locked.');
    this.#iterated = true;
    return this.#source[Symbol.asyncIterator]();
  }

  get [Symbol.toStringTag](): string {
    return 'ReadableStream';
  }
}

/**
 * The SDK's `FormData` (scripts/build.mjs): `body instanceof FormData` on every request would load undici to answer
 * no. Only an object tagged FormData can be one, so only such an object is checked against the real class; `new`
 * makes a real FormData.
 */
export class LazyFormData {
  constructor(...args: ConstructorParameters<typeof FormData>) {
    return new globalThis.FormData(...args);
  }

  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && Object.prototype.toString.call(value) === '[object FormData]' && value instanceof globalThis.FormData;
  }
}
