/**
 * Streamable HTTP for our server, on 127.0.0.1 only. Stateless: each POST gets a fresh server and transport,
 * so nothing is kept between requests. Requests whose Host or Origin is not local are refused (DNS rebinding).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

export const MCP_HTTP_PATH = '/mcp';
export const LOOPBACK_HOST = '127.0.0.1';
const LOCAL_HOSTNAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

export interface HttpHandle {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function serveHttp(port: number, createServerInstance: () => Promise<McpServer>): Promise<HttpHandle> {
  const { StreamableHTTPServerTransport } = await import('@modelcontextprotocol/sdk/server/streamableHttp.js');
  const http = createServer((req, res) => {
    void handle(req, res).catch((err) => {
      if (!res.headersSent) jsonError(res, 500, `internal error: ${(err as Error).message}`);
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const refusal = localRequestRefusal(req);
    if (refusal) return jsonError(res, 403, refusal);
    const pathname = new URL(req.url ?? '/', 'http://x').pathname;
    if (pathname !== MCP_HTTP_PATH) return jsonError(res, 404, `not found; the MCP endpoint is ${MCP_HTTP_PATH}`);
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      return jsonError(res, 405, 'this server is stateless: only POST is supported');
    }
    const server = await createServerInstance();
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res);
  }

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(port, LOOPBACK_HOST, () => resolve());
  });
  const bound = (http.address() as { port: number }).port;
  return {
    port: bound,
    url: `http://${LOOPBACK_HOST}:${bound}${MCP_HTTP_PATH}`,
    close: () =>
      new Promise((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}

/** Why a request is refused, when its Host or Origin is not this machine. */
function localRequestRefusal(req: IncomingMessage): string | undefined {
  const host = req.headers.host;
  if (!host || !LOCAL_HOSTNAMES.has(hostnameOf(host))) return `Host '${host ?? ''}' is not allowed; this server answers local requests only`;
  const origin = req.headers.origin;
  if (origin !== undefined) {
    let hostname = '';
    try {
      hostname = new URL(origin).hostname;
    } catch {
      /* refused below */
    }
    if (!LOCAL_HOSTNAMES.has(hostname.startsWith('[') || !hostname.includes(':') ? hostname : `[${hostname}]`)) {
      return `Origin '${origin}' is not allowed; this server answers local requests only`;
    }
  }
  return undefined;
}

function hostnameOf(host: string): string {
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  return host.split(':')[0]!;
}

function jsonError(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message }, id: null }));
}
