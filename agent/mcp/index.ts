/** MCP client side: `.mcp.json` loading and the per-run manager of the servers an agent uses. */
export { packageRoot } from '../package-root.js';
export { loadMcpConfig, parseMcpConfig, McpConfigError, PACKAGE_HOME_VARIABLE, MCP_CONFIG_FILENAME } from './config.js';
export type { McpServerConfig, McpConfigResult, LoadOptions, StdioServerConfig, HttpServerConfig } from './config.js';
export { createMcpManager, nestingDepth } from './manager.js';
export type { McpManager, McpManagerOptions, McpServerStatus } from './manager.js';
export {
  DEFAULT_MCP_CONNECT_TIMEOUT_MS,
  DEFAULT_MCP_CALL_TIMEOUT_MS,
  DEFAULT_MCP_CALL_MAX_TOTAL_MS,
  DEFAULT_MCP_MAX_RECONNECTS,
  NESTING_DEPTH_VARIABLE,
} from './connection.js';
export type { McpWarning, McpWarningKind } from './connection.js';
export { DEFAULT_MCP_OUTPUT_MAX_TOKENS, MAX_RESULT_SIZE_CHARS_CEILING } from './output-cap.js';
export { mcpToolName, MAX_TOOL_NAME_CHARS, MAX_TOOL_DESCRIPTION_CHARS } from './tool-adapter.js';
export type { McpTool } from './tool-adapter.js';
export { createMcpToolFilter } from './tool-filter.js';
export { createMcpToolSource } from './run-source.js';
export type { McpRunSourceOptions } from './run-source.js';
