/**
 * light-http.ts against Node's own (undici's) Headers and Response: the same operations on both, the same answers.
 * The SDK's modules are given LightHeaders in place of the global (scripts/build.mjs), so any difference here would be
 * a change in what the client sends or reads.
 */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { LazyFormData, LightHeaders, LightResponse } from '../../agent/models/light-http.js';

type Outcome = { value: unknown } | { error: string };

function outcome(f: () => unknown): Outcome {
  try {
    const value = f();
    return { value: value instanceof Object && Symbol.iterator in value ? [...(value as Iterable<unknown>)] : value };
  } catch (err) {
    return { error: (err as Error).constructor.name };
  }
}

/** A small deterministic generator (mulberry32), so a failure names a reproducible case. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES = ['x-api-key', 'X-Api-Key', 'content-type', 'Set-Cookie', 'set-cookie', 'a', 'B', 'x-stainless-retry-count', '', 'a b', 'é', 'x:y', 'x\n', "!#$%&'*+-.^_`|~"];
const VALUES = ['v', ' padded ', '\tx\t', '\r\n x \n', 'a, b', '', ' ', 'a\nb', 'a\rb', 'a\0b', 'é', '€', 'x\u0100', '"quoted"', 'k=v; Path=/'];
const OPS = ['append', 'set', 'delete', 'get', 'has', 'getSetCookie', 'entries', 'keys', 'values'] as const;

describe('LightHeaders answers as the global Headers does', () => {
  it('over 1,000 generated operation sequences (names, values, Set-Cookie, invalid input)', () => {
    for (let seed = 1; seed <= 1000; seed++) {
      const next = random(seed);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
      const real = new Headers();
      const light = new LightHeaders();
      const steps: string[] = [];
      for (let i = 0; i < 12; i++) {
        const op = pick(OPS);
        const name = pick(NAMES);
        const value = pick(VALUES);
        steps.push(`${op}(${JSON.stringify(name)}, ${JSON.stringify(value)})`);
        const call = (h: Headers | LightHeaders) => () => (h as unknown as Record<string, (...a: unknown[]) => unknown>)[op](name, value);
        expect(outcome(call(light)), `seed ${seed}: ${steps.join('; ')}`).toEqual(outcome(call(real)));
        expect([...light], `seed ${seed}: ${steps.join('; ')}`).toEqual([...real]);
      }
      const seen: string[] = [];
      light.forEach((v, k, h) => seen.push(`${k}=${v}`, String(h === light)));
      const expected: string[] = [];
      real.forEach((v, k) => expected.push(`${k}=${v}`, 'true'));
      expect(seen).toEqual(expected);
    }
  });

  it('builds from a record, pairs, a Headers and a LightHeaders as the global does; refuses what it refuses', () => {
    const inits: unknown[] = [
      { 'X-A': ' 1 ', b: '2', 'set-cookie': 'c=1' },
      [['x-a', '1'], ['X-A', '2'], ['set-cookie', 'a=1'], ['Set-Cookie', 'b=2']],
      new Headers({ a: '1', 'content-type': 'text/plain' }),
      undefined,
      [['only-name']],
      [['a', '1', 'extra']],
      { 'bad name': 'x' },
      { a: 'x\ny' },
    ];
    for (const init of inits) {
      const real = outcome(() => [...new Headers(init as HeadersInit)]);
      expect(outcome(() => [...new LightHeaders(init as never)]), JSON.stringify(init)).toEqual(real);
    }
    const light = new LightHeaders({ a: '1', 'set-cookie': 'x=1' });
    light.append('set-cookie', 'y=2');
    expect([...new LightHeaders(light)]).toEqual([...new Headers(light as unknown as HeadersInit)]);
    expect(Object.prototype.toString.call(light)).toBe(Object.prototype.toString.call(new Headers()));
  });
});

const bodyOf = (...chunks: string[]) =>
  new ReadableStream<Uint8Array>({
    start(c) {
      for (const s of chunks) c.enqueue(new TextEncoder().encode(s));
      c.close();
    },
  });

describe('LightResponse reads as the global Response does', () => {
  it('status, ok, headers, text, json, arrayBuffer, blob, a byte-order mark, invalid UTF-8, a body read twice', async () => {
    const cases: { chunks: string[]; init: ResponseInit }[] = [
      { chunks: ['{"a":', '1}'], init: { status: 200, statusText: 'OK', headers: { 'content-type': 'application/json' } } },
      { chunks: ['\ufeffbom'], init: { status: 429, headers: [['retry-after-ms', '5']] } },
      { chunks: [], init: { status: 204 } },
    ];
    for (const { chunks, init } of cases) {
      for (const read of ['text', 'json', 'arrayBuffer', 'blob'] as const) {
        const real = new Response(init.status === 204 ? null : bodyOf(...chunks), init);
        const light = new LightResponse(init.status === 204 ? null : bodyOf(...chunks), init as never);
        expect([light.status, light.statusText, light.ok, [...light.headers], light.bodyUsed]).toEqual([real.status, real.statusText, real.ok, [...real.headers], real.bodyUsed]);
        const norm = async (r: Response | LightResponse) => {
          const o = await (r[read]() as Promise<unknown>).then(
            async (v) => ({ v: v instanceof ArrayBuffer ? [...new Uint8Array(v)] : v instanceof Blob ? [v.type, await v.text()] : v }),
            (e: Error) => ({ e: e.constructor.name }),
          );
          const again = await (r.text() as Promise<unknown>).then(
            () => 'read',
            (e: Error) => e.constructor.name,
          );
          return { o, again, used: r.bodyUsed };
        };
        const [a, b] = [await norm(light), await norm(real)];
        expect(a, `${read} of ${JSON.stringify(chunks)}`).toEqual(b);
      }
    }
    const bad = new Uint8Array([0x61, 0xff, 0x62]);
    const stream = () => new ReadableStream<Uint8Array>({ start: (c) => (c.enqueue(bad), c.close()) });
    expect(await new LightResponse(stream()).text()).toBe(await new Response(stream()).text());
  });

  it('a clone reads the same body; a used body cannot be cloned; the body is the stream the SDK reads', async () => {
    const light = new LightResponse(bodyOf('one ', 'two'), { status: 200 });
    const copy = light.clone();
    expect(await copy.text()).toBe('one two');
    expect(await light.text()).toBe('one two');
    expect(() => light.clone()).toThrow(TypeError);
    const streamed = new LightResponse(bodyOf('event: ping\n\n'));
    const reader = streamed.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('event: ping\n\n');
    expect(streamed.bodyUsed).toBe(true);
    expect(() => new LightResponse(null, { status: 101 })).toThrow(RangeError);
    expect(() => new Response(null, { status: 101 })).toThrow(RangeError);
  });
});

describe('a body read from a Node stream (what nodeHttpFetch answers with)', () => {
  const nodeBody = (...chunks: string[]) => Readable.from(chunks.map((c) => Buffer.from(c)), { objectMode: false });

  it('reads as the global Response reads the same bytes: text, json, arrayBuffer, blob, a second read, bodyUsed', async () => {
    for (const read of ['text', 'json', 'arrayBuffer', 'blob'] as const) {
      const norm = async (r: Response | LightResponse) => {
        const v = await (r[read]() as Promise<unknown>);
        const again = await (r.text() as Promise<unknown>).then(
          () => 'read',
          (e: Error) => e.constructor.name,
        );
        return { v: v instanceof ArrayBuffer ? [...new Uint8Array(v)] : v instanceof Blob ? await v.text() : v, again, used: r.bodyUsed };
      };
      const light = new LightResponse(nodeBody('{"a":', '1, "é": 2}'), { headers: { 'content-type': 'application/json' } });
      expect(light.bodyUsed).toBe(false);
      expect(await norm(light), read).toEqual(await norm(new Response(bodyOf('{"a":', '1, "é": 2}'), { headers: { 'content-type': 'application/json' } })));
    }
  });

  it('for await reads the chunks as they come; the body is then locked and used; getReader, tee and clone work before that', async () => {
    const iterated = new LightResponse(nodeBody('event: a\n\n', 'event: b\n\n'));
    const seen: string[] = [];
    for await (const chunk of iterated.body as unknown as AsyncIterable<Uint8Array>) seen.push(new TextDecoder().decode(chunk));
    expect(seen).toEqual(['event: a\n\n', 'event: b\n\n']);
    expect(iterated.bodyUsed).toBe(true);
    expect(() => iterated.body!.getReader()).toThrow(TypeError);
    await expect(iterated.text()).rejects.toThrow(TypeError);

    const read = new LightResponse(nodeBody('one ', 'two'));
    const reader = read.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('one ');
    expect(read.bodyUsed).toBe(true);
    expect(() => (read.body as unknown as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]()).toThrow(TypeError);

    const cloned = new LightResponse(nodeBody('one ', 'two'));
    expect(await cloned.clone().text()).toBe('one two');
    expect(await cloned.text()).toBe('one two');
    expect(Object.prototype.toString.call(cloned.body)).toBe('[object ReadableStream]');
  });

  it('cancel destroys the Node stream; leaving a for await early does too', async () => {
    const source = nodeBody('a', 'b');
    await new LightResponse(source).body!.cancel();
    expect(source.destroyed).toBe(true);
    const left = nodeBody('a', 'b');
    for await (const _ of new LightResponse(left).body as unknown as AsyncIterable<Uint8Array>) break;
    expect(left.destroyed).toBe(true);
  });

  it('an error of the Node stream reaches the reader', async () => {
    const failing = new Readable({ read() {} });
    failing.push(Buffer.from('part'));
    const body = new LightResponse(failing).body as unknown as AsyncIterable<Uint8Array>;
    const reading = (async () => {
      for await (const _ of body);
    })();
    failing.destroy(new Error('socket hang up'));
    await expect(reading).rejects.toThrow('socket hang up');
  });
});

describe('LazyFormData', () => {
  it('answers instanceof as FormData does, and new makes a real FormData', () => {
    const real = new FormData();
    expect(real instanceof LazyFormData).toBe(true);
    for (const other of [{}, null, 'x', new URLSearchParams(), { [Symbol.toStringTag]: 'FormData' }]) expect(other instanceof LazyFormData).toBe(false);
    const made = new LazyFormData() as unknown as FormData;
    expect(made).toBeInstanceOf(FormData);
    made.append('a', '1');
    expect(made.get('a')).toBe('1');
  });
});
