/**
 * Each MCP server's last `tools/list` answer, on disk, so a run's first model request need not wait for the servers:
 * it goes out with the cached list while the servers connect in the background. An entry is keyed by a hash of the
 * server's whole configuration after expansion (command, arguments, environment, URL, headers), so any change to it
 * is a different entry; secrets in it are only ever hashed, never written. The entry records the server's announced
 * name and version and its tools, and is replaced whenever the live list differs.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { cacheBaseDir } from '../cache-dir.js';
import type { McpServerConfig } from './config.js';
import type { ListedTool } from './connection.js';

export interface CachedToolList {
  /** The server as it announced itself when the list was taken. */
  server?: { name: string; version: string };
  tools: ListedTool[];
  /** The server could not start when the entry was written. */
  failed?: boolean;
}

const FORMAT = 1;

/** `DOCKER_EXPERT_CACHE_DIR`, else `$XDG_CACHE_HOME/docker-expert`, else `~/.cache/docker-expert`; then `mcp-tools`. */
export function defaultToolListCacheDir(env: NodeJS.ProcessEnv): string {
  return path.join(cacheBaseDir(env), 'mcp-tools');
}

/** `salt`: what else the list depends on (our own server's list changes only with the package version). */
export function toolListKey(config: McpServerConfig, salt = ''): string {
  return createHash('sha256').update(JSON.stringify([FORMAT, stable(config), salt])).digest('hex').slice(0, 32);
}

/** The cached list, or undefined when there is none or it cannot be read (a cache never fails a run). */
export async function readToolList(dir: string, key: string): Promise<CachedToolList | undefined> {
  try {
    const entry = JSON.parse(await readFile(path.join(dir, `${key}.json`), 'utf8')) as { format?: number } & CachedToolList;
    return entry.format === FORMAT && Array.isArray(entry.tools) ? { server: entry.server, tools: entry.tools, ...(entry.failed ? { failed: true } : {}) } : undefined;
  } catch {
    return undefined;
  }
}

/** Writes atomically (temp file, then rename); failures are ignored: the next run simply connects first. */
export async function writeToolList(dir: string, key: string, list: CachedToolList): Promise<void> {
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const tmp = path.join(dir, `${key}.${process.pid}.${Date.now()}.tmp`);
    await writeFile(tmp, JSON.stringify({ format: FORMAT, ...list }), { mode: 0o600 });
    await rename(tmp, path.join(dir, `${key}.json`));
  } catch {
    // read-only home, full disk: not worth failing a run for
  }
}

/** Same server and same tools (names, descriptions, schemas, annotations), whatever the key order. */
export function sameToolList(a: CachedToolList, b: CachedToolList): boolean {
  return JSON.stringify(stable(a)) === JSON.stringify(stable(b));
}

function stable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stable);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, stable((value as Record<string, unknown>)[k])]));
  }
  return value;
}
