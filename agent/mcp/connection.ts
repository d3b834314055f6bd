/**
 * One MCP server: start it (with a deadline), list its tools, call them (with a timeout), notice when it dies,
 * and reconnect once after a crash. Failures come back as errors or warnings, never as exceptions that end a run.
 * The SDK is imported here, lazily: a run that uses no MCP server never pays for loading it.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { CallToolResult, Tool as ListedTool } from '@modelcontextprotocol/sdk/types.js';
import type { McpServerConfig } from './config.js';
import type { ProcessGroupStdioTransport } from './stdio-transport.js';

export type { ListedTool };

/** How long a server gets to start, answer `initialize` and list its tools (Claude Code's MCP_TIMEOUT is 30 s). */
export const DEFAULT_MCP_CONNECT_TIMEOUT_MS = 30_000;
/** How long one tool call may run without progress notifications. */
export const DEFAULT_MCP_CALL_TIMEOUT_MS = 120_000;
/** How long one tool call may run in total, even while it reports progress. */
export const DEFAULT_MCP_CALL_MAX_TOTAL_MS = 30 * 60_000;
/** Reconnects allowed after a server dies mid-run. */
export const DEFAULT_MCP_MAX_RECONNECTS = 1;
/** Set in the environment of every stdio server we start: how deep in docker-expert-inside-docker-expert it runs. */
export const NESTING_DEPTH_VARIABLE = 'DOCKER_EXPERT_MCP_DEPTH';
/** Client name announced to servers. */
const CLIENT_INFO = { name: 'docker-expert', version: '0.1.0' };

export type McpWarningKind = 'config' | 'connect_failed' | 'connect_timeout' | 'crashed' | 'reconnected' | 'tool_skipped';
export interface McpWarning {
  kind: McpWarningKind;
  /** Server name, when the warning is about one server. */
  server?: string;
  message: string;
}

export interface ConnectionOptions {
  /** Project folder: stdio servers start here and get it as CLAUDE_PROJECT_DIR. */
  cwd: string;
  connectTimeoutMs?: number;
  callTimeoutMs?: number;
  callMaxTotalMs?: number;
  maxReconnects?: number;
  /** Our own nesting depth; stdio servers get depth + 1 in DOCKER_EXPERT_MCP_DEPTH. */
  depth?: number;
  /** How long a ready stdio server gets to exit after its input ends, before SIGTERM (stdio-transport.ts). */
  stdinCloseGraceMs?: number;
  onWarning: (w: McpWarning) => void;
}

export type ConnectionState = 'idle' | 'ready' | 'failed' | 'crashed' | 'closed';

export interface CallOptions {
  signal?: AbortSignal;
  onProgress?: (progress: { progress: number; total?: number; message?: string }) => void;
}

/** A call that could not be made or did not finish; the message is meant for the model. */
export class McpCallError extends Error {}

export class McpServerConnection {
  state: ConnectionState = 'idle';
  private client?: Client;
  private transport?: Transport;
  private reconnects = 0;
  private reconnecting?: Promise<void>;
  private starting?: Promise<ListedTool[] | undefined>;
  private lastFailure = '';

  constructor(
    readonly config: McpServerConfig,
    private readonly opts: ConnectionOptions,
  ) {}

  get name(): string {
    return this.config.name;
  }

  /** The server's process id while a stdio server runs. */
  get pid(): number | undefined {
    return (this.transport as ProcessGroupStdioTransport | undefined)?.pid;
  }

  /** Name and version the server announced (after a successful start). */
  get serverInfo(): { name: string; version: string } | undefined {
    return this.client?.getServerVersion();
  }

  /**
   * Connects and lists the tools; on failure returns undefined and reports a warning. Calls made while it runs
   * (the model was offered cached tools before the server was up) wait for it.
   */
  start(): Promise<ListedTool[] | undefined> {
    this.starting ??= this.startOnce();
    return this.starting;
  }

  private async startOnce(): Promise<ListedTool[] | undefined> {
    try {
      const tools = await this.connect();
      if (this.state === 'closed') {
        await this.close();
        return undefined;
      }
      this.state = 'ready';
      return tools;
    } catch (err) {
      if (this.state === 'closed') return undefined;
      this.state = 'failed';
      this.lastFailure = (err as Error).message;
      const kind = err instanceof ConnectTimeout ? 'connect_timeout' : 'connect_failed';
      this.opts.onWarning({ kind, server: this.name, message: `MCP server '${this.name}': ${this.lastFailure}` });
      return undefined;
    }
  }

  async callTool(tool: string, args: Record<string, unknown>, call: CallOptions = {}): Promise<CallToolResult> {
    // Offered from the tool-list cache: started in the background, or (our own server) on its first call.
    if (this.state === 'idle') await this.start();
    // Calls that arrive together after a crash share one restart.
    if (this.state === 'crashed') await (this.reconnecting ??= this.reconnect().finally(() => (this.reconnecting = undefined)));
    if (this.state !== 'ready' || !this.client) {
      throw new McpCallError(`MCP server '${this.name}' is not available (${this.lastFailure || this.state})`);
    }
    const client = this.client;
    try {
      return (await client.callTool({ name: tool, arguments: args }, undefined, {
        signal: call.signal,
        timeout: this.opts.callTimeoutMs ?? DEFAULT_MCP_CALL_TIMEOUT_MS,
        resetTimeoutOnProgress: true,
        maxTotalTimeout: this.opts.callMaxTotalMs ?? DEFAULT_MCP_CALL_MAX_TOTAL_MS,
        onprogress: (p) => call.onProgress?.(p),
      })) as CallToolResult;
    } catch (err) {
      const { McpError, ErrorCode } = await import('@modelcontextprotocol/sdk/types.js');
      const message = (err as Error).message;
      if (call.signal?.aborted) throw new McpCallError(`MCP server '${this.name}': ${tool} was cancelled`);
      if (err instanceof McpError && err.code === ErrorCode.RequestTimeout) {
        const data = err.data as { maxTotalTimeout?: number } | undefined;
        const why = data?.maxTotalTimeout !== undefined
          ? `still running after the total limit of ${data.maxTotalTimeout} ms`
          : `no answer or progress within ${this.opts.callTimeoutMs ?? DEFAULT_MCP_CALL_TIMEOUT_MS} ms`;
        throw new McpCallError(`MCP server '${this.name}': ${tool} timed out (${why})`);
      }
      if (!(err instanceof McpError) || err.code === ErrorCode.ConnectionClosed) {
        // The process died or the HTTP endpoint went away: the next call may reconnect once.
        if (this.client === client && this.state === 'ready') this.markCrashed(this.describe(message));
        throw new McpCallError(`MCP server '${this.name}' failed during ${tool}: ${this.lastFailure || message}`);
      }
      throw new McpCallError(`MCP server '${this.name}': ${message}`);
    }
  }

  async close(): Promise<void> {
    const handshakeDone = this.state === 'ready';
    this.state = 'closed';
    const client = this.client;
    const transport = this.transport;
    // A server still starting is stopped at once: waiting for it to notice its closed input would wait for its start
    // (a one-turn run with the package's .mcp.json ended that way, its answer already given).
    if (!handshakeDone) (transport as Partial<ProcessGroupStdioTransport> | undefined)?.stopWithoutGrace?.();
    this.client = undefined;
    if (client) await client.close().catch(() => undefined);
    else if (transport) await transport.close().catch(() => undefined);
  }

  private async reconnect(): Promise<void> {
    if (this.reconnects >= (this.opts.maxReconnects ?? DEFAULT_MCP_MAX_RECONNECTS)) {
      this.state = 'failed';
      return;
    }
    this.reconnects++;
    const old = this.client;
    this.client = undefined;
    await old?.close().catch(() => undefined);
    try {
      await this.connect();
      if (this.state === 'closed') return void (await this.close());
      this.state = 'ready';
      this.opts.onWarning({ kind: 'reconnected', server: this.name, message: `MCP server '${this.name}' restarted after a crash` });
    } catch (err) {
      this.state = 'failed';
      this.lastFailure = `restart failed: ${(err as Error).message}`;
      this.opts.onWarning({ kind: 'connect_failed', server: this.name, message: `MCP server '${this.name}': ${this.lastFailure}` });
    }
  }

  /** `close()` may run while a start awaits (the compiler cannot see the state change across the await). */
  private closedNow(): boolean {
    return this.state === 'closed';
  }

  private markCrashed(reason: string): void {
    this.state = 'crashed';
    this.lastFailure = reason;
    this.opts.onWarning({ kind: 'crashed', server: this.name, message: `MCP server '${this.name}' stopped: ${reason}` });
  }

  private describe(fallback: string): string {
    return (this.transport as ProcessGroupStdioTransport | undefined)?.describeFailure?.() || fallback;
  }

  private async connect(): Promise<ListedTool[]> {
    const timeoutMs = this.opts.connectTimeoutMs ?? DEFAULT_MCP_CONNECT_TIMEOUT_MS;
    const { Client } = await import('@modelcontextprotocol/sdk/client/index.js');
    // Closed while a background start was still loading: start nothing (no process, no connection) after all.
    if (this.closedNow()) throw new Error('closed before it started');
    const transport = await this.createTransport();
    if (this.closedNow()) {
      await transport.close().catch(() => undefined);
      throw new Error('closed before it started');
    }
    const client = new Client(CLIENT_INFO, { capabilities: {} });
    this.client = client;
    this.transport = transport;
    client.onclose = () => {
      if (this.client === client && this.state === 'ready') this.markCrashed(this.describe('connection closed'));
    };
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new ConnectTimeout(`no answer within ${timeoutMs} ms; gave up`)), timeoutMs);
    });
    try {
      return await Promise.race([this.initializeAndList(client, transport, timeoutMs), deadline]);
    } catch (err) {
      this.client = undefined;
      const detail = this.describe('');
      await client.close().catch(() => undefined);
      await transport.close().catch(() => undefined);
      if (err instanceof ConnectTimeout) throw err;
      throw new Error(`${(err as Error).message}${detail ? ` (${detail})` : ''}`);
    } finally {
      clearTimeout(timer);
    }
  }

  private async initializeAndList(client: Client, transport: Transport, timeoutMs: number): Promise<ListedTool[]> {
    await client.connect(transport, { timeout: timeoutMs });
    const tools: ListedTool[] = [];
    let cursor: string | undefined;
    do {
      const page = await client.listTools(cursor ? { cursor } : undefined, { timeout: timeoutMs });
      tools.push(...page.tools);
      cursor = page.nextCursor;
    } while (cursor);
    return tools;
  }

  private async createTransport(): Promise<Transport> {
    const c = this.config;
    if (c.type === 'stdio') {
      const { getDefaultEnvironment } = await import('@modelcontextprotocol/sdk/client/stdio.js');
      const depth = (this.opts.depth ?? 0) + 1;
      // Servers get a small safe environment (no API keys) plus what their entry names, as the SDK does by default.
      const env = { ...getDefaultEnvironment(), CLAUDE_PROJECT_DIR: this.opts.cwd, [NESTING_DEPTH_VARIABLE]: String(depth), ...c.env };
      const { inProcessTransport, isOwnServer } = await import('./in-process.js');
      if (isOwnServer(c)) return inProcessTransport({ cwd: this.opts.cwd, env, depth });
      const { ProcessGroupStdioTransport } = await import('./stdio-transport.js');
      return new ProcessGroupStdioTransport({ command: c.command, args: c.args, cwd: this.opts.cwd, env, stdinCloseGraceMs: this.opts.stdinCloseGraceMs });
    }
    const url = new URL(c.url);
    const requestInit = { headers: c.headers };
    if (c.type === 'sse') {
      const { SSEClientTransport } = await import('@modelcontextprotocol/sdk/client/sse.js');
      return new SSEClientTransport(url, { requestInit });
    }
    const { StreamableHTTPClientTransport } = await import('@modelcontextprotocol/sdk/client/streamableHttp.js');
    return new StreamableHTTPClientTransport(url, { requestInit });
  }
}

class ConnectTimeout extends Error {}
