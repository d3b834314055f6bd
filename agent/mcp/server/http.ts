/**
 * Streamable HTTP for our server, on 127.0.0.1 only. Stateless: each POST gets a fresh server and transport,
 * so nothing is kept between requests. Every request needs `Authorization: Bearer <token>` (compared in constant
 * time): loopback is shared by every local user, and the tools write into the served folder. A request whose Host is
 * not local is refused, and one with an Origin unless `--allow-origin` names it (DNS rebinding, browsers).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

export const MCP_HTTP_PATH = '/mcp';
export const LOOPBACK_HOST = '127.0.0.1';
const LOCAL_HOSTNAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Bytes of randomness in a generated token (256 bits). */
export const TOKEN_BYTES = 32;
/** Shortest token accepted from DOCKER_EXPERT_MCP_TOKEN. */
export const MIN_TOKEN_LENGTH = 32;

export interface HttpHandle {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface HttpAuth {
  /** The bearer token every request must carry. */
  token: string;
  /** Origins allowed to call (exact `scheme://host:port`); none by default. */
  allowOrigins?: string[];
}

/** A fresh random token (base64url). */
export function generateToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

export async function serveHttp(port: number, createServerInstance: () => Promise<McpServer>, auth: HttpAuth): Promise<HttpHandle> {
  if (auth.token.length < MIN_TOKEN_LENGTH) throw new Error(`the MCP token must be at least ${MIN_TOKEN_LENGTH} characters`);
  const expected = createHash('sha256').update(auth.token).digest();
  const allowOrigins = new Set(auth.allowOrigins ?? []);
  const { StreamableHTTPServerTransport } = await import('@modelcontextprotocol/sdk/server/streamableHttp.js');
  const http = createServer((req, res) => {
    void handle(req, res).catch((err) => {
      if (!res.headersSent) jsonError(res, 500, `internal error: ${(err as Error).message}`);
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const refusal = localRequestRefusal(req, allowOrigins);
    if (refusal) return jsonError(res, 403, refusal);
    if (!authorized(req, expected)) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="docker-expert mcp"');
      return jsonError(res, 401, 'missing or wrong bearer token: send Authorization: Bearer <token> (printed by docker-expert mcp --http at start, or DOCKER_EXPERT_MCP_TOKEN)');
    }
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

/** Whether the request carries the token; both sides are hashed first, so the comparison takes the same time. */
function authorized(req: IncomingMessage, expected: Buffer): boolean {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  if (!m) return false;
  return timingSafeEqual(createHash('sha256').update(m[1]).digest(), expected);
}

/**
 * Why a request is refused: its Host is not this machine, or it carries an Origin (a browser page, on any port of
 * any host, localhost included) that `--allow-origin` does not name.
 */
function localRequestRefusal(req: IncomingMessage, allowOrigins: Set<string>): string | undefined {
  const host = req.headers.host;
  if (!host || !LOCAL_HOSTNAMES.has(hostnameOf(host))) return `Host '${host ?? ''}' is not allowed; this server answers local requests only`;
  const origin = req.headers.origin;
  if (origin !== undefined && !allowOrigins.has(origin)) {
    return `Origin '${origin}' is not allowed; name it with --allow-origin to let that page call this server`;
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
