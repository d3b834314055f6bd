/**
 * The package's own MCP server (`node <package>/bin/docker-expert.js mcp`, as the shipped `.mcp.json` names it) runs
 * inside the run that wants it, over the SDK's in-memory transport: the same tool names, schemas and answers as the
 * spawned copy, without a second Node process to start. Only that exact entry is recognised; any other command,
 * extra arguments included (`--root`, `--max-depth`), still starts a process, so what a user wrote is what runs.
 */
import { readFileSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { packageRoot } from '../package-root.js';
import type { McpServerConfig } from './config.js';

/** Whether a server entry is this package's own `mcp` command with nothing else on its command line. */
export function isOwnServer(config: McpServerConfig, home?: string): boolean {
  if (config.type !== 'stdio' || config.args.length !== 2 || config.args[1] !== 'mcp') return false;
  if (config.command !== 'node' && config.command !== process.execPath) return false;
  try {
    return path.resolve(config.args[0]!) === path.join(home ?? packageRoot(), 'bin', 'docker-expert.js');
  } catch {
    return false; // bundled without its package: there is no "own" server to recognise
  }
}

let version: string | undefined;

/** The package's version: our own server's tool list changes with it and nothing else. */
export function ownServerVersion(): string {
  return (version ??= String((JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version?: unknown }).version));
}

export interface InProcessOptions {
  /** The project: the server's root, as the spawned copy would get it from its working folder. */
  cwd: string;
  /** The environment the spawned copy would get (small, no API keys): the server's tools see only this. */
  env: NodeJS.ProcessEnv;
  /** The depth the spawned copy would read from DOCKER_EXPERT_MCP_DEPTH. */
  depth: number;
}

/** Starts the server in this process and returns the client's end of the pair; closing it stops the server. */
export async function inProcessTransport(opts: InProcessOptions): Promise<Transport> {
  const [{ InMemoryTransport }, { createDockerExpertServer, DEFAULT_MAX_AGENT_DEPTH }] = await Promise.all([
    import('@modelcontextprotocol/sdk/inMemory.js'),
    import('./server/server.js'),
  ]);
  const server = await createDockerExpertServer({ root: await realpath(opts.cwd), depth: opts.depth, maxAgentDepth: DEFAULT_MAX_AGENT_DEPTH, env: opts.env });
  const [client, serverEnd] = InMemoryTransport.createLinkedPair();
  await server.connect(serverEnd);
  return client;
}
