/**
 * The service's request checks (Host, Origin, `Authorization: Bearer <key>`) on a real express app on loopback, and the
 * API keys behind them (service/keys.ts): the keys file, scrypt hashes, the verified-key cache.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyIdOf, requestChecks, userBuilder } from '../../service/auth.js';
import { KeyError, KeyStore, newKey, verifyKey } from '../../service/keys.js';
import type { KeyEntry, KeyVerifier, VerifiedCache } from '../../service/keys.js';

let dir: string;
let store: KeyStore;
let aliceKey: string;
let server: Server;
let port: number;
/** What the verifier does; a test may make it fail. */
let verifier: KeyVerifier;

/**
 * The store, a key and the server, made inside the first test that needs them and kept for the rest: code that runs in
 * a beforeAll hook is judged by no test (mutation testing counts a failing hook as no failure).
 */
let ready: Promise<void> | undefined;
function setup(): Promise<void> {
  ready ??= (async () => {
    store = new KeyStore(path.join(dir, 'data'));
    aliceKey = await store.create('alice');
    verifier = store;
    const app = express();
    app.use(requestChecks({ keys: { verify: (k) => verifier.verify(k) }, hosts: ['Svc.Example'], allowOrigins: ['https://ui.example'], publicPaths: ['/card'] }));
    app.all('/{*any}', async (req, res) => {
      const user = await userBuilder(req);
      res.json({ id: keyIdOf(req) ?? null, user: user.isAuthenticated ? { userName: user.userName, keyName: (user as { keyName?: string }).keyName } : 'anonymous' });
    });
    server = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', resolve));
    port = (server.address() as AddressInfo).port;
  })();
  return ready;
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'de-auth-'));
});
afterAll(async () => {
  if (server) await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

/** One raw HTTP/1.1 request (so Host can be anything, or absent); status, headers and body. */
function raw(lines: string[]): Promise<{ status: number; headers: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(`${[...lines, 'Connection: close', '', ''].join('\r\n')}`));
    let text = '';
    socket.on('data', (d) => (text += d.toString()));
    socket.on('error', reject);
    socket.on('end', () => {
      const [head = '', body = ''] = text.split('\r\n\r\n');
      resolve({ status: Number(/^HTTP\/1\.[01] (\d+)/.exec(head)?.[1]), headers: head, body });
    });
  });
}

async function request(pathName: string, headers: Record<string, string> = {}, method = 'GET') {
  const res = await fetch(`http://127.0.0.1:${port}${pathName}`, { method, headers });
  const text = await res.text();
  return { status: res.status, auth: res.headers.get('www-authenticate'), body: text === '' ? undefined : JSON.parse(text) };
}

const refusal = (code: number, message: string) => ({ error: { code, message } });
const LOCALS = '127.0.0.1, localhost, [::1], svc.example';

describe('request checks', () => {
  it('a key lets a request through; the handler and the SDK user see the key id and name', async () => {
    await setup();
    const id = store.list()[0]!.id;
    expect(await request('/tasks', { authorization: `Bearer ${aliceKey}` })).toEqual({ status: 200, auth: null, body: { id, user: { userName: id, keyName: 'alice' } } });
    // A host given to the checks is matched in any case (the setup runs in this test: it is judged here).
    expect((await raw(['GET /card HTTP/1.1', 'Host: sVc.ExAmPlE'])).status).toBe(200);
    // The scheme's case and the blanks around the key do not matter (sent raw: fetch would trim them).
    const res = await raw(['GET /tasks HTTP/1.1', 'Host: localhost', `Authorization: bearer \t ${aliceKey} \t `]);
    expect([res.status, JSON.parse(res.body)]).toEqual([200, { id, user: { userName: id, keyName: 'alice' } }]);
  });

  it('no key, another scheme, two words or a wrong key: 401 with the Bearer challenge', async () => {
    await setup();
    const unauthorized = { status: 401, auth: 'Bearer realm="docker-expert"', body: refusal(401, 'missing or wrong API key: send Authorization: Bearer <key> (docker-expert keys create NAME makes one)') };
    for (const authorization of [undefined, `Basic ${aliceKey}`, `Bearer ${aliceKey} x`, `Bearer`, `x Bearer ${aliceKey}`, `Bearer ${aliceKey.slice(0, -1)}B`, 'Bearer dxk_000000000000_' + 'A'.repeat(43)]) {
      expect(await request('/tasks', authorization === undefined ? {} : { authorization }), authorization).toEqual(unauthorized);
    }
  });

  it('public paths are served without a key, to GET and HEAD only, and with no user', async () => {
    await setup();
    expect(await request('/card')).toEqual({ status: 200, auth: null, body: { id: null, user: 'anonymous' } });
    expect((await request('/card', {}, 'HEAD')).status).toBe(200);
    expect((await request('/card', {}, 'POST')).status).toBe(401);
    expect((await request('/card/x')).status).toBe(401);
  });

  it('the Host must name this server: the local names, or one it was given (any case, with or without a port)', async () => {
    await setup();
    for (const host of ['127.0.0.1', '127.0.0.1:8080', 'localhost', 'LOCALHOST:1', '[::1]', '[::1]:9', 'svc.example', 'SVC.EXAMPLE:443']) {
      expect((await raw([`GET /card HTTP/1.1`, `Host: ${host}`])).status, host).toBe(200);
    }
    for (const host of ['evil.example', 'svc.example.evil.example', '[::2]:9', '127.0.0.2', 'localhost.evil.example']) {
      const res = await raw([`GET /card HTTP/1.1`, `Host: ${host}`]);
      expect(res.status, host).toBe(403);
      expect(JSON.parse(res.body), host).toEqual(refusal(403, `Host '${host}' is not allowed; this server answers requests for ${LOCALS}`));
    }
    // HTTP/1.0 may leave Host out: refused all the same.
    const none = await raw(['GET /card HTTP/1.0']);
    expect(none.status).toBe(403);
    expect(JSON.parse(none.body)).toEqual(refusal(403, `Host '' is not allowed; this server answers requests for ${LOCALS}`));
  });

  it('an Origin is refused unless --allow-origin names it exactly, before the key is looked at', async () => {
    await setup();
    expect((await request('/tasks', { authorization: `Bearer ${aliceKey}`, origin: 'https://ui.example' })).status).toBe(200);
    for (const origin of ['https://evil.example', 'https://ui.example.evil', 'http://ui.example', 'null']) {
      expect(await request('/card', { origin }), origin).toEqual({ status: 403, auth: null, body: refusal(403, `Origin '${origin}' is not allowed; name it with --allow-origin to let that page call this server`) });
    }
  });

  it('a verifier that fails is a 500 naming why, never a pass', async () => {
    await setup();
    verifier = { verify: async () => Promise.reject(new Error('the key table is gone')) };
    try {
      expect(await request('/tasks', { authorization: `Bearer ${aliceKey}` })).toEqual({ status: 500, auth: null, body: refusal(500, 'could not check the key: the key table is gone') });
    } finally {
      verifier = store;
    }
  });
});

describe('API keys', () => {
  it('a key is dxk_<12 hex id>_<43-character secret>; only its scrypt hash is stored, in a file only the owner reads', async () => {
    const s = new KeyStore(path.join(dir, 'format'));
    const key = await s.create('ci.bot-1_x');
    const m = /^dxk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/.exec(key);
    expect(m).not.toBeNull();
    const [entry] = s.list();
    expect(entry).toMatchObject({ name: 'ci.bot-1_x', id: m![1] });
    expect(entry!.hash).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(entry!.created)).toBeGreaterThan(Date.now() - 60_000);
    const text = readFileSync(path.join(dir, 'format', 'keys.json'), 'utf8');
    expect(text).not.toContain(m![2]);
    expect(JSON.parse(text)).toEqual({ keys: [entry] });
    expect(text.endsWith('}\n')).toBe(true);
    expect(statSync(path.join(dir, 'format', 'keys.json')).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(dir, 'format')).mode & 0o777).toBe(0o700);
    expect(await s.verify(key)).toEqual({ name: 'ci.bot-1_x', id: m![1] });
  });

  it('names: letters, digits, . _ -, starting with a letter or digit, at most 64', async () => {
    await expect(newKey('a'.repeat(64))).resolves.toMatchObject({ entry: { name: 'a'.repeat(64) } });
    await expect(newKey('9')).resolves.toMatchObject({ entry: { name: '9' } });
    for (const bad of ['', 'a'.repeat(65), '.hidden', '-x', '_x', 'a b', 'a/b', 'ä']) {
      await expect(newKey(bad), bad).rejects.toThrow(new KeyError(`key name '${bad}': use letters, digits, '.', '_' or '-' (at most 64, starting with a letter or digit)`));
    }
  });

  it('a name is used once; revoke removes it (also when another process revokes); a revoked key no longer verifies', async () => {
    const d = path.join(dir, 'revoke');
    const s = new KeyStore(d);
    const key = await s.create('bob');
    const other = await s.create('carol');
    await expect(s.create('bob')).rejects.toThrow(new KeyError("a key named 'bob' exists; revoke it first"));
    // Each key finds its own entry (the second one too).
    expect(await s.verify(other)).toMatchObject({ name: 'carol' });
    expect(await s.verify(key)).toMatchObject({ name: 'bob' });
    // Another process (another store on the same folder) revokes it: the next check sees it.
    expect(new KeyStore(d).revoke('bob')).toBe(true);
    expect(new KeyStore(d).revoke('bob')).toBe(false);
    expect(await s.verify(key)).toBeUndefined();
    expect(await s.verify(other)).toMatchObject({ name: 'carol' });
    expect(s.list().map((e) => e.name)).toEqual(['carol']);
    // The same name made again is a new owner (a new id).
    const again = await s.create('bob');
    expect(again.split('_')[1]).not.toBe(key.split('_')[1]);
    expect(await s.verify(key)).toBeUndefined();
  });

  it('a keys file that is missing is empty; one that is not JSON or has no key list is an error naming the file', () => {
    const d = path.join(dir, 'files');
    const s = new KeyStore(d);
    expect(s.list()).toEqual([]);
    expect(s.revoke('x')).toBe(false);
    const file = path.join(d, 'keys.json');
    rmSync(d, { recursive: true, force: true });
    mkdirSync(d);
    writeFileSync(file, '{"keys": [');
    expect(() => s.list()).toThrow(KeyError);
    expect(() => s.list()).toThrow(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not a keys file \\(`));
    writeFileSync(file, '{"keys": {"a": 1}}');
    expect(() => s.list()).toThrow(new KeyError(`${file}: expected {"keys": [...]}`));
    writeFileSync(file, '{"keys": []}');
    expect(s.list()).toEqual([]);
  });

  it('a changed keys file is read again; an unchanged one is not', async () => {
    const d = path.join(dir, 'cache');
    const s = new KeyStore(d);
    await s.create('a');
    const first = s.list();
    expect(s.list()).toBe(first);
    // Another process adds a key: a different size, read again.
    await new KeyStore(d).create('b');
    expect(s.list().map((e) => e.name)).toEqual(['a', 'b']);
    // Same size, later time: read again. Same time, other size: read again.
    const file = path.join(d, 'keys.json');
    const before = statSync(file);
    writeFileSync(file, readFileSync(file, 'utf8').replace('"name": "a"', '"name": "c"'));
    utimesSync(file, before.atime, new Date(before.mtimeMs + 10_000));
    expect(s.list().map((e) => e.name)).toEqual(['c', 'b']);
    const at = statSync(file);
    writeFileSync(file, readFileSync(file, 'utf8').replace('"name": "c"', '"name": "cc"'));
    utimesSync(file, at.atime, at.mtime);
    expect(s.list().map((e) => e.name)).toEqual(['cc', 'b']);
  });

  it('a wrong secret, a malformed key, an unknown id or a hash of another kind does not verify', async () => {
    const { entry, key } = await newKey('k');
    const find = (id: string) => (id === entry.id ? entry : undefined);
    expect(await verifyKey(key, find, new Map())).toEqual({ name: 'k', id: entry.id });
    const secret = key.split('_').slice(2).join('_');
    for (const bad of [`${key}x`, key.slice(0, -1), `x${key}`, `dxk_${entry.id.toUpperCase()}_${secret}`, `dxk_${entry.id}_${secret.slice(0, -1)}!`, `dxk_${'0'.repeat(12)}_${secret}`, `dxk_${entry.id}_${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`]) {
      expect(await verifyKey(bad, find, new Map()), bad).toBeUndefined();
    }
    // Other costs than newKey's (the digest kept: only the cost fields differ) never verify.
    const cost = (i: number, v: string) => entry.hash.split('$').map((x, j) => (j === i ? v : x)).join('$');
    for (const hash of [entry.hash.replace(/^scrypt/, 'bcrypt'), entry.hash.replace(/\$[^$]+$/, ''), `${entry.hash}$x`, entry.hash.replace(/\$[^$]+$/, '$AAAA'), cost(1, '2'), cost(2, '4'), cost(3, '2')]) {
      expect(await verifyKey(key, () => ({ ...entry, hash }), new Map()), hash).toBeUndefined();
    }
  });

  it('an entry whose digest is empty verifies nothing (scrypt of length 0 equals it for every secret)', async () => {
    const { entry, key } = await newKey('k');
    const empty = entry.hash.replace(/\$[^$]+$/, '$');
    expect(await verifyKey(key, () => ({ ...entry, hash: empty }), new Map())).toBeUndefined();
    const secret = key.split('_').slice(2).join('_');
    const other = `dxk_${entry.id}_${secret.endsWith('A') ? 'B' : 'A'}${secret.slice(1)}`;
    expect(await verifyKey(other, () => ({ ...entry, hash: empty }), new Map())).toBeUndefined();
  });

  it('a key verified once is remembered only while its entry keeps the same id and hash', async () => {
    const { entry, key } = await newKey('k');
    const cache: VerifiedCache = new Map();
    expect(await verifyKey(key, () => entry, cache)).toEqual({ name: 'k', id: entry.id });
    expect([...cache.values()]).toEqual([{ id: entry.id, hash: entry.hash }]);
    // Remembered: even a find that gives the entry under another name answers from the cache without a scrypt.
    expect(await verifyKey(key, () => ({ ...entry, name: 'renamed' }), cache)).toEqual({ name: 'renamed', id: entry.id });
    // The entry's hash changed (the key was made again with the same id): the cached answer is not used.
    const other = await newKey('k2');
    const swapped: KeyEntry = { ...entry, hash: other.entry.hash };
    expect(await verifyKey(key, () => swapped, cache)).toBeUndefined();
  });

  it('the cache is emptied when it holds more than 10 000 keys', async () => {
    const { entry, key } = await newKey('k');
    const full = (n: number): VerifiedCache => new Map(Array.from({ length: n }, (_, i) => [`d${i}`, { id: 'x', hash: 'y' }]));
    const at = full(10_000);
    await verifyKey(key, () => entry, at);
    expect(at.size).toBe(10_001);
    const over = full(10_001);
    await verifyKey(key, () => entry, over);
    expect(over.size).toBe(1);
  });
});
