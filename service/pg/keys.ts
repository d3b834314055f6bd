/**
 * API keys in the shared database (dx_api_keys), so every API server accepts the same keys and a revoke holds on all
 * of them from their next request (each request looks its key's entry up; the scrypt check is cached per key and
 * hash, as for the keys file).
 */
import type pg from 'pg';
import { KeyError, newKey, verifyKey, type KeyEntry, type KeyVerifier, type VerifiedCache, type VerifiedKey } from '../keys.js';

export class PgKeyStore implements KeyVerifier {
  private readonly verified: VerifiedCache = new Map();

  constructor(private readonly pool: pg.Pool) {}

  async list(): Promise<KeyEntry[]> {
    const { rows } = await this.pool.query<{ name: string; id: string; hash: string; created: Date }>('SELECT name, id, hash, created FROM dx_api_keys ORDER BY created, name');
    return rows.map((r) => ({ name: r.name, id: r.id, hash: r.hash, created: r.created.toISOString() }));
  }

  async create(name: string): Promise<string> {
    const { entry, key } = await newKey(name);
    const { rowCount } = await this.pool.query('INSERT INTO dx_api_keys (name, id, hash, created) VALUES ($1, $2, $3, $4) ON CONFLICT (name) DO NOTHING', [entry.name, entry.id, entry.hash, entry.created]);
    if (rowCount === 0) throw new KeyError(`a key named '${name}' exists; revoke it first`);
    return key;
  }

  async revoke(name: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('DELETE FROM dx_api_keys WHERE name = $1', [name]);
    return (rowCount ?? 0) > 0;
  }

  verify(key: string): Promise<VerifiedKey | undefined> {
    return verifyKey(
      key,
      async (id) => {
        const { rows } = await this.pool.query<{ name: string; id: string; hash: string; created: Date }>('SELECT name, id, hash, created FROM dx_api_keys WHERE id = $1', [id]);
        const r = rows[0];
        return r ? { name: r.name, id: r.id, hash: r.hash, created: r.created.toISOString() } : undefined;
      },
      this.verified,
    );
  }
}
