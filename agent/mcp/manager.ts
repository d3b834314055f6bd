/**
 * The MCP servers of one run. Only servers the agent may use are started, all in parallel, at the first
 * `tools()` call (the loop calls it once before the first model request, so the tool list is fixed for the
 * whole run). A server that fails is a warning; its tools are simply absent.
 */
import type { AgentDefinition } from '../definition/types.js';
import type { McpServerConfig } from './config.js';
import { McpServerConnection, NESTING_DEPTH_VARIABLE } from './connection.js';
import type { ConnectionOptions, McpWarning } from './connection.js';
import { createMcpToolFilter } from './tool-filter.js';
import { adaptMcpTool, MAX_TOOL_NAME_CHARS } from './tool-adapter.js';
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
}

export interface McpServerStatus {
  name: string;
  state: McpServerConnection['state'];
  pid?: number;
}

export interface McpManager {
  /** The MCP tools the agent may use; starts the servers on first call. Same array on every call. */
  tools(): Promise<McpTool[]>;
  /** Stops every server and waits until their processes are gone. */
  close(): Promise<void>;
  readonly warnings: McpWarning[];
  /** Forwards every warning's message, past ones first (runAgent turns them into `notice` events). */
  onNotice(listener: (message: string) => void): void;
  /** Servers that were started, with their state (for `system/init` and tests). */
  status(): McpServerStatus[];
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

  async function listAll(): Promise<McpTool[]> {
    const listed = await Promise.all(connections.map((c) => c.start()));
    if (closed) return [];
    const tools: McpTool[] = [];
    const names = new Set<string>();
    const maxName = opts.maxToolNameChars ?? MAX_TOOL_NAME_CHARS;
    connections.forEach((connection, i) => {
      for (const item of listed[i] ?? []) {
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

  return {
    warnings,
    onNotice(listener) {
      for (const w of warnings) listener(w.message);
      listeners.push(listener);
    },
    tools() {
      if (closed) return Promise.resolve([]);
      listing ??= listAll();
      return listing;
    },
    async close() {
      closed = true;
      await Promise.all(connections.map((c) => c.close()));
      // A server still starting sees the closed state when its start settles, and stops itself.
      if (listing) await listing.catch(() => undefined);
    },
    status() {
      return connections.filter((c) => c.state !== 'idle').map((c) => ({ name: c.name, state: c.state, pid: c.pid }));
    },
  };
}
