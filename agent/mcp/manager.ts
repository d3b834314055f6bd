/**
 * The MCP servers of one run. Only servers the agent may use are started, all in parallel, at the first
 * `tools()` call (the loop calls it once before the first model request). A server that fails is a warning; its
 * tools are simply absent.
 *
 * With a tool-list cache, a server whose list is cached does not hold up the first request: `tools()` answers with
 * the cached list at once and the server connects in the background (a call made meanwhile waits for it). When the
 * live list differs, or the server cannot start, `onToolsChanged` listeners get the new list and the cache is
 * updated, so the next model request carries what the server really offers.
 */
import type { AgentDefinition } from '../definition/types.js';
import type { McpServerConfig } from './config.js';
import { McpServerConnection, NESTING_DEPTH_VARIABLE } from './connection.js';
import type { ConnectionOptions, McpWarning } from './connection.js';
import { createMcpToolFilter } from './tool-filter.js';
import { adaptMcpTool, MAX_TOOL_NAME_CHARS } from './tool-adapter.js';
import { readToolList, sameToolList, toolListKey, writeToolList } from './tool-list-cache.js';
import type { ListedTool } from './connection.js';
import { isOwnServer, ownServerVersion } from './in-process.js';
import type { AdapterOptions, McpTool } from './tool-adapter.js';

export interface McpManagerOptions extends Omit<ConnectionOptions, 'onWarning'>, AdapterOptions {
  /** Servers by name, from loadMcpConfig. */
  servers: Record<string, McpServerConfig>;
  /** The agent's tool rules; without it every server and tool is wanted. */
  definition?: Pick<AgentDefinition, 'tools' | 'disallowedTools'>;
  /** Permission deny rules as written (`--deny`, settings): bare MCP names remove tools and servers. */
  deny?: string[];
  /** Warnings from loading the config, reported with the manager's own (kind `config`). */
  configWarnings?: string[];
  /** Called for each warning as it happens (also kept in `warnings`). */
  onWarning?: (w: McpWarning) => void;
  /** Where each server's last tool list is kept (see above); undefined: no cache, every server is awaited. */
  toolListCacheDir?: string;
  /**
   * Hold the background starts until `requestStarted()` (a run calls it when it first waits on the model: agent/run.ts
   * IDLE_WAIT_MS): importing the MCP client and spawning servers would otherwise compete with sending that request and
   * handling its answer. A call to a held server starts it at once.
   */
  holdBackgroundStarts?: boolean;
}

export interface McpServerStatus {
  name: string;
  state: McpServerConnection['state'];
  pid?: number;
}

export interface McpManager {
  /** The MCP tools the agent may use; starts the servers on first call. The current list on every call. */
  tools(): Promise<McpTool[]>;
  /** Called with the whole new list when a server's live tools differ from the cached ones it was first offered with. */
  onToolsChanged(listener: (tools: McpTool[]) => void): void;
  /** Stops every server and waits until their processes are gone. */
  close(): Promise<void>;
  readonly warnings: McpWarning[];
  /** Forwards every warning's message, past ones first (runAgent turns them into `notice` events). */
  onNotice(listener: (message: string) => void): void;
  /** Servers that were started, with their state (for `system/init` and tests). */
  status(): McpServerStatus[];
  /** The run waits on the model: held background starts begin (see holdBackgroundStarts). */
  requestStarted(): void;
}

/** Our nesting depth as the environment tells it (0 when we were not started by docker-expert). */
export function nestingDepth(env: NodeJS.ProcessEnv): number {
  const n = Number(env[NESTING_DEPTH_VARIABLE] ?? 0);
  return Number.isInteger(n) && n > 0 ? n : 0;
}

export function createMcpManager(opts: McpManagerOptions): McpManager {
  const warnings: McpWarning[] = [];
  const listeners: ((message: string) => void)[] = [];
  const warn = (w: McpWarning) => {
    warnings.push(w);
    opts.onWarning?.(w);
    for (const l of listeners) l(w.message);
  };
  for (const message of opts.configWarnings ?? []) warn({ kind: 'config', message });
  const filter = createMcpToolFilter({ ...opts.definition, deny: opts.deny });
  const wanted = Object.values(opts.servers).filter((s) => filter.wantsServer(s.name));
  const connections = wanted.map((config) => new McpServerConnection(config, { ...opts, onWarning: warn }));
  let listing: Promise<McpTool[]> | undefined;
  let closed = false;
  const changeListeners: ((tools: McpTool[]) => void)[] = [];
  /** Each connection's tools as offered now (cached or live). */
  const offered: (ListedTool[] | undefined)[] = connections.map(() => undefined);
  const held: (() => void)[] = [];
  let holding = opts.holdBackgroundStarts === true;
  const inBackground = (start: () => void) => (holding ? held.push(start) : start());

  function adaptAll(): McpTool[] {
    const tools: McpTool[] = [];
    const names = new Set<string>();
    const maxName = opts.maxToolNameChars ?? MAX_TOOL_NAME_CHARS;
    connections.forEach((connection, i) => {
      for (const item of offered[i] ?? []) {
        const tool = adaptMcpTool(item, connection, opts);
        if (!filter.allows(connection.name, tool.name)) continue;
        const skip = tool.name.length > maxName
          ? `its name is longer than ${maxName} characters`
          : names.has(tool.name) ? 'another tool already has that name' : undefined;
        if (skip) {
          warn({ kind: 'tool_skipped', server: connection.name, message: `MCP tool ${tool.name} left out: ${skip}` });
          continue;
        }
        names.add(tool.name);
        tools.push(tool);
      }
    });
    return tools;
  }

  async function listAll(): Promise<McpTool[]> {
    const dir = opts.toolListCacheDir;
    const own = connections.map((c) => isOwnServer(c.config));
    const keys = connections.map((c, i) => toolListKey(c.config, own[i] ? ownServerVersion() : ''));
    const cached = await Promise.all(connections.map((_, i) => (dir ? readToolList(dir, keys[i]!) : undefined)));
    // Servers without a cached list are awaited, as before; the others are offered from the cache meanwhile and
    // connect in the background, except our own server: in-process, its list fixed by the package version, it
    // starts on its first call and costs the run nothing until then.
    await Promise.all(
      connections.map(async (c, i) => {
        const hit = cached[i];
        if (hit) {
          offered[i] = hit.tools;
          // A call made before the start begins starts the server itself (connection.ts) and waits for it.
          if (!own[i]) inBackground(() => void c.start().then((live) => refreshed(i, live, hit)));
          return;
        }
        const live = await c.start();
        offered[i] = live;
        // A server that could not start is remembered too (with no tools): the next run does not wait for it again,
        // it tries in the background and its tools join the next request if it comes up.
        if (dir && !closed) await writeToolList(dir, keys[i]!, live ? { server: c.serverInfo, tools: live } : { tools: [], failed: true });
      }),
    );
    if (closed) return [];
    return (current = adaptAll());
  }

  /** A background start finished: keep the cache true and tell the run when the offer changed. */
  async function refreshed(i: number, live: ListedTool[] | undefined, hit: { tools: ListedTool[] }): Promise<void> {
    if (closed) return;
    const connection = connections[i]!;
    const fresh = live && { server: connection.serverInfo, tools: live };
    if (!live && !hit.tools.length) return; // failed before, failed again: nothing to tell
    // The run hears first (a call waiting on this start must find the new list in place), then the cache is kept true.
    if (!fresh || !sameToolList({ tools: fresh.tools }, { tools: hit.tools })) {
      offered[i] = live;
      await listing;
      if (closed) return;
      current = adaptAll();
      for (const l of changeListeners) l(current);
    }
    if (fresh && !sameToolList(fresh, hit)) await writeToolList(opts.toolListCacheDir!, toolListKey(connection.config), fresh);
  }

  let current: McpTool[] = [];
  return {
    warnings,
    onNotice(listener) {
      for (const w of warnings) listener(w.message);
      listeners.push(listener);
    },
    tools() {
      if (closed) return Promise.resolve([]);
      listing ??= listAll();
      return listing.then(() => current);
    },
    onToolsChanged(listener) {
      changeListeners.push(listener);
    },
    async close() {
      closed = true;
      await Promise.all(connections.map((c) => c.close()));
      // A server still starting sees the closed state when its start settles, and stops itself.
      if (listing) await listing.catch(() => undefined);
    },
    requestStarted() {
      holding = false;
      if (!closed) for (const start of held.splice(0)) start();
    },
    status() {
      return connections.filter((c) => c.state !== 'idle').map((c) => ({ name: c.name, state: c.state, pid: c.pid }));
    },
  };
}
