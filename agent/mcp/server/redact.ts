/**
 * Our MCP server's one redaction point: every tool's answer (text and structured content) passes the redactor before
 * it goes to the client, whichever tool made it, as tool results do in agent/executor.ts.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { redactLeaves, type Redactor } from '../../redaction/index.js';

/** Makes every tool registered on `server` from now on answer through `redactor`. */
export function redactToolResults(server: McpServer, redactor: Redactor): void {
  const register = server.registerTool.bind(server) as (...args: unknown[]) => unknown;
  (server as unknown as { registerTool: (...args: unknown[]) => unknown }).registerTool = (name: unknown, config: unknown, callback: unknown) =>
    register(name, config, async (...args: unknown[]) => redactCallResult(await (callback as (...a: unknown[]) => Promise<CallToolResult>)(...args), redactor));
}

export function redactCallResult(result: CallToolResult, redactor: Redactor): CallToolResult {
  return {
    ...result,
    content: result.content.map((c) => (c.type === 'text' ? { ...c, text: redactor.redact(c.text).text } : c)),
    ...(result.structuredContent ? { structuredContent: redactLeaves(result.structuredContent, redactor) as Record<string, unknown> } : {}),
  };
}
