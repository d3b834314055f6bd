/**
 * API keys for `docker-expert serve`: `<data>/keys.json` holds, per key, its name, a short public id and an scrypt
 * hash of the secret; the key itself (`dxk_<id>_<secret>`) is shown once by `keys create` and never stored. The id
 * finds the entry, so a request costs one scrypt; a key that verified once is remembered by its SHA-256 until the
 * file changes (a revoke from another process is seen at the next request).
 */
import { createHash, randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const KEYS_FILE = 'keys.json';
const KEY_PREFIX = 'dxk';
const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** scrypt cost: N=2^14, r=8, p=1 (the Node defaults, about 16 MB and tens of milliseconds per check). */
const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 32 } as const;

export interface KeyEntry {
  name: string;
  /** Public, random: the owner of the key's tasks (a revoked name made again is a new owner). */
  id: string;
  /** `scrypt$N$r$p$<salt b64url>$<hash b64url>`. */
  hash: string;
  created: string;
}

export class KeyError extends Error {}

export interface VerifiedKey {
  name: string;
  id: string;
}

function scrypt(secret: string, salt: Buffer, params: { N: number; r: number; p: number; keylen: number }): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(secret, salt, params.keylen, { N: params.N, r: params.r, p: params.p, maxmem: 128 * params.N * params.r * 2 }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** What checks a request's key: the keys file, or the database's key table (service/pg/keys.ts). */
export interface KeyVerifier {
  verify(key: string): Promise<VerifiedKey | undefined>;
}

/** A new key NAME: its stored entry (hash only) and the key itself. */
export async function newKey(name: string): Promise<{ entry: KeyEntry; key: string }> {
  if (!NAME_PATTERN.test(name)) throw new KeyError(`key name '${name}': use letters, digits, '.', '_' or '-' (at most 64, starting with a letter or digit)`);
  const id = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  const salt = randomBytes(16);
  const hash = await scrypt(secret, salt, SCRYPT);
  const entry: KeyEntry = { name, id, hash: `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64url')}$${hash.toString('base64url')}`, created: new Date().toISOString() };
  return { entry, key: `${KEY_PREFIX}_${id}_${secret}` };
}

/** Keys that verified once, by sha256(key) -> the entry's id and hash then (one scrypt per key, not per request). */
export type VerifiedCache = Map<string, { id: string; hash: string }>;

/** Checks `key` against the entry its id names (`find`); undefined when it is not a current key. */
export async function verifyKey(key: string, find: (id: string) => KeyEntry | undefined | Promise<KeyEntry | undefined>, verified: VerifiedCache): Promise<VerifiedKey | undefined> {
  const m = /^dxk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/.exec(key);
  if (!m) return undefined;
  const entry = await find(m[1]!);
  if (!entry) return undefined;
  const digest = createHash('sha256').update(key).digest('base64url');
  const known = verified.get(digest);
  if (known && known.id === entry.id && known.hash === entry.hash) return { name: entry.name, id: entry.id };
  const parts = entry.hash.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  const expected = Buffer.from(parts[5]!, 'base64url');
  // Only hashes as newKey writes them: a shorter one (an empty one matches every secret) or weaker costs never verify.
  if (N !== SCRYPT.N || r !== SCRYPT.r || p !== SCRYPT.p || expected.length !== SCRYPT.keylen) return undefined;
  const actual = await scrypt(m[2]!, Buffer.from(parts[4]!, 'base64url'), SCRYPT);
  if (!timingSafeEqual(actual, expected)) return undefined;
  if (verified.size > 10_000) verified.clear();
  verified.set(digest, { id: entry.id, hash: entry.hash });
  return { name: entry.name, id: entry.id };
}

export class KeyStore implements KeyVerifier {
  private readonly file: string;
  private cache: { mtimeMs: number; size: number; entries: KeyEntry[] } | undefined;
  /** sha256(key) -> the entry's id and hash it verified against. */
  private readonly verified: VerifiedCache = new Map();

  constructor(readonly dataDir: string) {
    this.file = path.join(dataDir, KEYS_FILE);
  }

  list(): KeyEntry[] {
    let st;
    try {
      st = statSync(this.file);
    } catch {
      this.cache = undefined;
      return [];
    }
    if (this.cache && this.cache.mtimeMs === st.mtimeMs && this.cache.size === st.size) return this.cache.entries;
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(this.file, 'utf8'));
    } catch (err) {
      throw new KeyError(`${this.file}: not a keys file (${(err as Error).message})`);
    }
    const entries = (parsed as { keys?: KeyEntry[] }).keys;
    if (!Array.isArray(entries)) throw new KeyError(`${this.file}: expected {"keys": [...]}`);
    this.cache = { mtimeMs: st.mtimeMs, size: st.size, entries };
    return entries;
  }

  /** Makes a key; returns it (the only time it is seen). */
  async create(name: string): Promise<string> {
    const entries = this.list();
    if (entries.some((e) => e.name === name)) throw new KeyError(`a key named '${name}' exists; revoke it first`);
    const { entry, key } = await newKey(name);
    this.write([...entries, entry]);
    return key;
  }

  /** Removes a key by name; false when there is none. */
  revoke(name: string): boolean {
    const entries = this.list();
    const kept = entries.filter((e) => e.name !== name);
    if (kept.length === entries.length) return false;
    this.write(kept);
    return true;
  }

  /** The key's entry when `key` is a current key; undefined otherwise. */
  async verify(key: string): Promise<VerifiedKey | undefined> {
    const entries = this.list();
    return verifyKey(key, (id) => entries.find((e) => e.id === id), this.verified);
  }

  private write(entries: KeyEntry[]): void {
    mkdirSync(this.dataDir, { recursive: true, mode: 0o700 });
    const tmp = `${this.file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    writeFileSync(tmp, JSON.stringify({ keys: entries }, null, 2) + '\n', { mode: 0o600 });
    renameSync(tmp, this.file);
    this.cache = undefined;
  }
}
