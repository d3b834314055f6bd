import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { afterAll, describe, expect, it } from 'vitest';
import { DefinitionError } from '../../agent/definition/errors.js';
import { parseDefinition } from '../../agent/definition/parse.js';
import { definitionCacheFor, parseDefinitionCached } from '../../agent/definition/parse-cache.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const tmp = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'de-defcache-'));
  dirs.push(d);
  return d;
};

const text = (extra = '') => `---\nname: reviewer\ndescription: Reviews things\ntools: Read, Grep\nodd: .inf\n${extra}---\nYou review.\n`;

describe('parsed definitions on disk', () => {
  it('the same file, bytes and parser come back from the cache, equal to a fresh parse (undefined fields and .inf kept)', async () => {
    const cache = { dir: tmp(), parserId: 'parser-1' };
    const file = '/agents/reviewer.md';
    const bytes = Buffer.from(text('model: haiku\n'));
    const fresh = parseDefinition(file, bytes, {});
    expect(await parseDefinitionCached(file, bytes, {}, cache)).toStrictEqual(fresh);
    const entries = readdirSync(cache.dir);
    expect(entries).toHaveLength(1);
    expect(await parseDefinitionCached(file, bytes, {}, cache)).toStrictEqual(fresh);
    expect(fresh.extra.odd).toBe(Infinity);
    // The entry is what answers: a changed entry is what comes back.
    const stored = deserialize(readFileSync(path.join(cache.dir, entries[0])));
    writeFileSync(path.join(cache.dir, entries[0]), serialize({ ...stored, definition: { ...fresh, description: 'from the cache' } }));
    expect((await parseDefinitionCached(file, bytes, {}, cache)).description).toBe('from the cache');
    // ... but only for the bytes it was parsed from, compared in full: one byte more and the file is parsed anew.
    const edited = Buffer.from(text('model: haiku\n').replace('You review.', 'You review!'));
    expect((await parseDefinitionCached(file, edited, {}, cache)).description).toBe('Reviews things');
    // An entry another id wrote under the same name (a name collision) is not used either.
    writeFileSync(path.join(cache.dir, entries[0]), serialize({ ...stored, id: 'another id', definition: { ...fresh, description: 'from the cache' } }));
    expect((await parseDefinitionCached(file, bytes, {}, cache)).description).toBe('Reviews things');
  });

  it('another path, size limit or parser is another entry; other bytes of the same file replace its entry', async () => {
    const cache = { dir: tmp(), parserId: 'parser-1' };
    const bytes = Buffer.from(text());
    await parseDefinitionCached('/a/r.md', bytes, {}, cache);
    await parseDefinitionCached('/a/r.md', Buffer.from(text('color: red\n')), {}, cache);
    await parseDefinitionCached('/b/r.md', bytes, {}, cache);
    await parseDefinitionCached('/a/r.md', bytes, { maxBytes: 4096 }, cache);
    await parseDefinitionCached('/a/r.md', bytes, {}, { ...cache, parserId: 'parser-2' });
    expect(readdirSync(cache.dir)).toHaveLength(4);
    expect((await parseDefinitionCached('/a/r.md', Buffer.from(text('color: red\n')), {}, cache)).color).toBe('red');
    expect((await parseDefinitionCached('/a/r.md', bytes, {}, cache)).color).toBeUndefined();
  });

  it('a definition with an error is never cached: the error names file and line each time', async () => {
    const cache = { dir: tmp(), parserId: 'parser-1' };
    const bad = Buffer.from('---\nname: reviewer\ndescription: x\nmaxTurns: many\n---\nbody\n');
    for (let i = 0; i < 2; i++) {
      const err = await parseDefinitionCached('/agents/bad.md', bad, {}, cache).then(() => undefined, (e: unknown) => e);
      expect(err).toBeInstanceOf(DefinitionError);
      expect(String((err as Error).message)).toMatch(/bad\.md:4/);
    }
    expect(readdirSync(cache.dir).filter((f) => !f.endsWith('.tmp'))).toEqual([]);
  });

  it('an entry that cannot be read is parsed anew and replaced; an unwritable folder only means no cache', async () => {
    const cache = { dir: tmp(), parserId: 'parser-1' };
    const bytes = Buffer.from(text());
    await parseDefinitionCached('/a/r.md', bytes, {}, cache);
    const [entry] = readdirSync(cache.dir);
    writeFileSync(path.join(cache.dir, entry), 'not a serialized value');
    expect((await parseDefinitionCached('/a/r.md', bytes, {}, cache)).name).toBe('reviewer');
    expect(readFileSync(path.join(cache.dir, entry)).toString()).not.toBe('not a serialized value');
    const blocked = path.join(tmp(), 'file');
    writeFileSync(blocked, '');
    expect((await parseDefinitionCached('/a/r.md', bytes, {}, { dir: path.join(blocked, 'sub'), parserId: 'p' })).name).toBe('reviewer');
  });

  it('is used from a content-hashed bundle chunk only, in the cache folder, unless turned off', async () => {
    const env = { DOCKER_EXPERT_CACHE_DIR: '/c' };
    expect(definitionCacheFor(env, 'file:///x/dist/chunk-UAMFR2FU.js')).toEqual({ dir: '/c/definitions', parserId: 'file:///x/dist/chunk-UAMFR2FU.js' });
    expect(definitionCacheFor(env, 'file:///x/agent/definition/parse-cache.ts')).toBeUndefined();
    expect(definitionCacheFor(env, 'file:///x/dist/cli.js')).toBeUndefined();
    // The hook's own bundle (dist/hook/) too: it answers every Claude Code tool call.
    expect(definitionCacheFor(env, 'file:///x/dist/hook/definition-XPUULCSF.js')).toEqual({ dir: '/c/definitions', parserId: 'file:///x/dist/hook/definition-XPUULCSF.js' });
    expect(definitionCacheFor(env, 'file:///x/dist/hook/hook.js')).toBeUndefined();
    expect(definitionCacheFor({ ...env, DOCKER_EXPERT_DEFINITION_CACHE: 'off' }, 'file:///x/dist/chunk-UAMFR2FU.js')).toBeUndefined();
  });
});
