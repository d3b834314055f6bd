/** `docker-expert mcp [--http PORT] [--root DIR]`: serve the domain tools and the agent itself over MCP. */
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import type { CliIO } from '../io.js';
import { UsageError } from '../io.js';
import { nestingDepth } from '../../agent/mcp/manager.js';
import { parseCommandArgs, untilSignal, wholeNumber } from '../args.js';

const HELP = `Usage: docker-expert mcp [options]

Serves docker-expert's tools over MCP: stdio by default (for Claude Code and other clients),
or streamable HTTP on 127.0.0.1 with --http.

Options:
  --http PORT        serve streamable HTTP at http://127.0.0.1:PORT/mcp instead of stdio (0 = any free port);
                     every request needs Authorization: Bearer <token>: DOCKER_EXPERT_MCP_TOKEN (at least 32
                     characters), else a new token printed once on stderr
  --allow-origin URL let a browser page at this origin call the HTTP server (repeatable; none by default)
  --root DIR         the folder the tools may read and fix (default: the current directory)
  --max-depth N      offer run_agent only when fewer than N docker-expert servers run above this one (default 1)
  -h, --help         this help

Add it to Claude Code:  claude mcp add docker-expert -- npx docker-expert mcp
Over HTTP:              claude mcp add --transport http docker-expert http://127.0.0.1:PORT/mcp \\
                          --header "Authorization: Bearer $DOCKER_EXPERT_MCP_TOKEN"
`;

export async function command(argv: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandArgs({
    args: argv,
    options: {
      http: { type: 'string' },
      'allow-origin': { type: 'string', multiple: true },
      root: { type: 'string' },
      'max-depth': { type: 'string' },
    },
    allowPositionals: false,
  }, HELP, io);
  if (!parsed) return 0;
  const { values } = parsed;
  const port = wholeNumber('--http', values.http, 0, 65535);
  const { DEFAULT_MAX_AGENT_DEPTH, createDockerExpertServer } = await import('../../agent/mcp/server/server.js');
  const maxAgentDepth = wholeNumber('--max-depth', values['max-depth'], 0, 100) ?? DEFAULT_MAX_AGENT_DEPTH;
  let root: string;
  try {
    root = await realpath(path.resolve(io.cwd, values.root ?? '.'));
  } catch {
    throw new UsageError(`--root ${values.root}: no such folder`);
  }
  const ctx = { root, depth: nestingDepth(io.env), maxAgentDepth, env: io.env };

  if (port !== undefined) {
    const { serveHttp, generateToken, MIN_TOKEN_LENGTH } = await import('../../agent/mcp/server/http.js');
    const given = io.env.DOCKER_EXPERT_MCP_TOKEN;
    if (given !== undefined && given.length < MIN_TOKEN_LENGTH) throw new UsageError(`DOCKER_EXPERT_MCP_TOKEN is ${given.length} characters; it must be at least ${MIN_TOKEN_LENGTH}`);
    const allowOrigins = (values['allow-origin'] ?? []).map((o) => {
      let url: URL;
      try {
        url = new URL(o);
      } catch {
        throw new UsageError(`--allow-origin ${o}: expected an origin such as http://localhost:5173`);
      }
      if (url.origin !== o.replace(/\/$/, '')) throw new UsageError(`--allow-origin ${o}: an origin is scheme://host[:port], without a path`);
      return url.origin;
    });
    const token = given ?? generateToken();
    const handle = await serveHttp(port, () => createDockerExpertServer(ctx), { token, allowOrigins });
    io.stderr.write(`docker-expert mcp: listening on ${handle.url} (serving ${root})\n`);
    // The token is shown once, and only when we made it (a given one is the caller's to know).
    if (given === undefined) io.stderr.write(`docker-expert mcp: token (send Authorization: Bearer <token>): ${token}\n`);
    await untilSignal();
    await handle.close();
    return 0;
  }
  const { StdioServerTransport } = await import('@modelcontextprotocol/sdk/server/stdio.js');
  const server = await createDockerExpertServer(ctx);
  const closed = new Promise<void>((resolve) => (server.server.onclose = resolve));
  await server.connect(new StdioServerTransport(io.stdin as NodeJS.ReadStream, io.stdout as NodeJS.WriteStream));
  // The client ends the session by closing our stdin.
  await Promise.race([closed, new Promise<void>((resolve) => io.stdin.once('end', resolve)), untilSignal()]);
  await server.close();
  return 0;
}

