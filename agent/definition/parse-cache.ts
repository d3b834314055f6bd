/**
 * Parsed definitions kept on disk: parsing the YAML frontmatter of the definitions is some 10 ms of CPU at the start of
 * every run (cold code), reading the parsed result back well under 1 ms. An entry belongs to one file path, size limit
 * and parser (the bundle chunk this module is in: esbuild names a chunk by its content, which holds the hashed names of
 * the chunks it imports, so a change to the parser or to anything it uses gives another id), and holds the bytes it was
 * parsed from: it answers only when those bytes are the file's bytes now, compared in full (an edited file's entry is
 * replaced). Its name is a hash of the path, size limit and parser id, not a cryptographic one: two ids that share a
 * name only take turns (the entry names its id), and no node:crypto is loaded (a Claude Code hook call starts faster).
 * Stored with v8.serialize, which keeps what JSON would not (a field set to undefined, a non-finite number). Only a
 * parse that succeeded is stored: an error is always found anew, with its file and line. Outside the bundle (the
 * sources under test) there is no such fingerprint, so nothing is cached unless a parser id is given.
 * `DOCKER_EXPERT_DEFINITION_CACHE=off` turns it off. A cache never fails a run: an entry that cannot be read or
 * written is parsed anew.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { cacheBaseDir } from '../cache-dir.js';
import type { ParseOptions } from './parse.js';
import type { AgentDefinition } from './types.js';

const FORMAT = 2;
/**
 * A chunk of the CLI bundle or of the hook's (dist/hook/), named by its content hash (scripts/build.mjs: esbuild's
 * `chunk-[hash]`). The hook's own bundle was left out before: every hook call parsed the definitions (and loaded yaml).
 */
const HASHED_CHUNK = /\/dist\/(?:hook\/)?[\w-]+-[A-Z0-9]{8}\.js$/;

export interface DefinitionCache {
  dir: string;
  /** Changes whenever the parser's code does. */
  parserId: string;
}

/** The cache a run uses: in the bundle, unless turned off; undefined otherwise. */
export function definitionCacheFor(env: NodeJS.ProcessEnv, moduleUrl: string = import.meta.url): DefinitionCache | undefined {
  if (env.DOCKER_EXPERT_DEFINITION_CACHE === 'off' || !HASHED_CHUNK.test(moduleUrl)) return undefined;
  return { dir: path.join(cacheBaseDir(env), 'definitions'), parserId: moduleUrl };
}

/**
 * parseDefinition, answered from the cache when the same file, bytes and parser were parsed before. The parser (with
 * zod and yaml) is imported on a miss only: an answer from the cache loads neither. Its chunk's hashed name is in this
 * chunk's text, so a change to the parser still changes `parserId`.
 */
export async function parseDefinitionCached(file: string, bytes: Uint8Array, opts: ParseOptions, cache: DefinitionCache | undefined): Promise<AgentDefinition> {
  const parse = async () => (await import('./parse.js')).parseDefinition(file, bytes, opts);
  if (!cache) return parse();
  const id = JSON.stringify([FORMAT, cache.parserId, file, opts.maxBytes ?? null]);
  const entry = path.join(cache.dir, entryName(id));
  try {
    const stored = deserialize(readFileSync(entry)) as Partial<StoredEntry>;
    if (stored.id === id && stored.bytes instanceof Uint8Array && Buffer.compare(stored.bytes, bytes) === 0 && stored.definition) return stored.definition;
  } catch {
    // No entry yet (or one that cannot be read): parse.
  }
  const definition = await parse();
  try {
    mkdirSync(cache.dir, { recursive: true, mode: 0o700 });
    const tmp = `${entry}.${process.pid}.tmp`;
    writeFileSync(tmp, serialize({ id, bytes, definition } satisfies StoredEntry), { mode: 0o600 });
    renameSync(tmp, entry);
  } catch {
    // Not cached this time.
  }
  return definition;
}

interface StoredEntry {
  id: string;
  bytes: Uint8Array;
  definition: AgentDefinition;
}

/** 64 bits of FNV-1a (two 32-bit lanes) as 16 hex digits: a file name, not a fingerprint (the entry holds its id). */
export function entryName(id: string): string {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}
