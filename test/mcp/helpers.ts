import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'node:net';
import type { ToolContext } from '../../tools/tool.js';
import type { McpServerConfig } from '../../agent/mcp/config.js';
import type { ToolRule } from '../../agent/definition/types.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const FLAKY = path.join(ROOT, 'test/mcp/fixtures/flaky-server.mjs');
export const EVERYTHING = path.join(ROOT, 'node_modules/@modelcontextprotocol/server-everything/dist/index.js');

export function stdio(name: string, args: string[], env: Record<string, string> = {}): McpServerConfig {
  return { name, type: 'stdio', command: process.execPath, args, env, source: 'test' };
}

export function http(name: string, url: string, type: 'http' | 'sse' = 'http'): McpServerConfig {
  return { name, type, url, headers: {}, source: 'test' };
}

export function tempDir(prefix = 'mcp-test-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

export function toolContext(cwd: string, signal = new AbortController().signal): ToolContext {
  const seen = new Map<string, { mtimeMs: number; size: number }>();
  return { cwd, additionalDirs: [], signal, sessionDir: path.join(cwd, '.session'), fileState: { get: (p) => seen.get(p), set: (p, s) => void seen.set(p, s) } };
}

export function rules(...names: string[]): ToolRule[] {
  return names.map((raw) => {
    const open = raw.indexOf('(');
    return open === -1 ? { tool: raw, raw } : { tool: raw.slice(0, open), specifier: raw.slice(open + 1, -1), raw };
  });
}

/** True while a process with this pid exists (signal 0 only checks). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function waitUntil(cond: () => boolean, ms = 3_000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (cond()) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return cond();
}

/** A free loopback port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

/** Resolves once something accepts connections on 127.0.0.1:port. */
export async function waitForPort(port: number, ms = 10_000): Promise<void> {
  const { connect } = await import('node:net');
  const end = Date.now() + ms;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > end) throw new Error(`nothing listens on 127.0.0.1:${port} after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
