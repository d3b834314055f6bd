/** Turns a tool listed by an MCP server into a `Tool` the loop can offer: `mcp__<server>__<tool>`, the server's own JSON schema. */
import * as z from 'zod';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Tool, ToolContext, ToolResult } from '../../tools/tool.js';
import type { ListedTool, McpServerConnection } from './connection.js';
import { McpCallError } from './connection.js';
import { capOutput, outputLimitChars, DEFAULT_MCP_OUTPUT_MAX_TOKENS } from './output-cap.js';

/** The Messages API accepts tool names of 1-64 characters from `[A-Za-z0-9_-]`. */
export const MAX_TOOL_NAME_CHARS = 64;
/** Descriptions longer than this are cut (Claude Code does the same for MCP tools). */
export const MAX_TOOL_DESCRIPTION_CHARS = 2_048;

export interface McpTool extends Tool<Record<string, unknown>> {
  jsonSchema: Record<string, unknown>;
  /** The server as configured, and the tool's name on that server. */
  server: string;
  serverToolName: string;
}

export interface AdapterOptions {
  maxOutputTokens?: number;
  maxToolNameChars?: number;
  maxDescriptionChars?: number;
}

/** `mcp__<server>__<tool>`, with characters the API refuses replaced by `_` (as Claude Code does). */
export function mcpToolName(server: string, tool: string): string {
  const clean = (s: string) => s.replace(/[^A-Za-z0-9_-]/g, '_');
  return `mcp__${clean(server)}__${clean(tool)}`;
}

export function adaptMcpTool(listed: ListedTool, connection: McpServerConnection, opts: AdapterOptions = {}): McpTool {
  const name = mcpToolName(connection.name, listed.name);
  const maxDescription = opts.maxDescriptionChars ?? MAX_TOOL_DESCRIPTION_CHARS;
  const rawDescription = listed.description ?? listed.annotations?.title ?? listed.title ?? listed.name;
  const description = rawDescription.length > maxDescription ? `${rawDescription.slice(0, maxDescription)}… [cut]` : rawDescription;
  const readOnly = listed.annotations?.readOnlyHint === true;
  const limitChars = outputLimitChars(opts.maxOutputTokens ?? DEFAULT_MCP_OUTPUT_MAX_TOKENS, listed._meta);
  return {
    name,
    description,
    server: connection.name,
    serverToolName: listed.name,
    // The server validates its own input; we pass the object through and show the model the server's schema.
    inputSchema: z.record(z.string(), z.unknown()),
    jsonSchema: listed.inputSchema as Record<string, unknown>,
    isReadOnly: () => readOnly,
    isConcurrencySafe: () => readOnly,
    async call(input: Record<string, unknown>, ctx: ToolContext): Promise<ToolResult> {
      let result: CallToolResult;
      try {
        result = await connection.callTool(listed.name, input, { signal: ctx.signal });
      } catch (err) {
        if (err instanceof McpCallError) return { content: err.message, isError: true };
        return { content: `MCP server '${connection.name}': ${(err as Error).message}`, isError: true };
      }
      const text = renderResult(result);
      return { content: await capOutput(text, limitChars, ctx.sessionDir, name), isError: result.isError === true };
    },
  };
}

/** Tool results reach the model as text: text items verbatim, other items described. */
export function renderResult(result: CallToolResult): string {
  const parts: string[] = [];
  for (const item of result.content ?? []) {
    switch (item.type) {
      case 'text':
        parts.push(item.text);
        break;
      case 'image':
      case 'audio':
        parts.push(`[${item.type}: ${item.mimeType}, ${Math.floor((item.data.length * 3) / 4)} bytes, not shown]`);
        break;
      case 'resource': {
        const r = item.resource;
        parts.push('text' in r && typeof r.text === 'string' ? r.text : `[resource ${r.uri}${r.mimeType ? ` (${r.mimeType})` : ''}, binary, not shown]`);
        break;
      }
      case 'resource_link':
        parts.push(`[resource link: ${item.uri}${item.name ? ` (${item.name})` : ''}]`);
        break;
      default:
        parts.push(JSON.stringify(item));
    }
  }
  if (parts.length === 0 && result.structuredContent !== undefined) parts.push(JSON.stringify(result.structuredContent));
  return parts.join('\n');
}
