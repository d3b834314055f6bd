import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { OutsideRootError } from './confine.js';

/** What every tool of our server knows about where it runs. */
export interface ServerContext {
  /** Canonical folder the tools may read (and `fix` may write); paths outside are refused. */
  root: string;
  /** How deep in docker-expert-inside-docker-expert this server runs (0 = started by someone else). */
  depth: number;
  /** `run_agent` is offered only while depth < maxAgentDepth, so an agent cannot start itself again and again. */
  maxAgentDepth: number;
  env: NodeJS.ProcessEnv;
}

export type ToolRegistrar = (server: McpServer, ctx: ServerContext) => void;

export function textResult(text: string, structured?: Record<string, unknown>): CallToolResult {
  return { content: [{ type: 'text', text }], ...(structured ? { structuredContent: structured } : {}) };
}

export function errorResult(message: string): CallToolResult {
  return { content: [{ type: 'text', text: message }], isError: true };
}

/** Runs a tool body; refusals and failures become is_error results the client can show. */
export async function guarded(body: () => Promise<CallToolResult>): Promise<CallToolResult> {
  try {
    return await body();
  } catch (err) {
    if (err instanceof OutsideRootError) return errorResult(`refused: ${err.message}`);
    return errorResult((err as Error).message ?? String(err));
  }
}
