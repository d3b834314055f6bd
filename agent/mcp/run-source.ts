/**
 * What a run needs from MCP in one call: read the `.mcp.json` sources and make the manager for this agent.
 * The result is a runAgent `toolSource` (`tools()` once before the first request, `close()` at the end).
 */
import type { AgentDefinition } from '../definition/types.js';
import { loadMcpConfig } from './config.js';
import { createMcpManager, nestingDepth, type McpManager, type McpManagerOptions } from './manager.js';
import { defaultToolListCacheDir } from './tool-list-cache.js';

export interface McpRunSourceOptions extends Omit<McpManagerOptions, 'servers' | 'definition' | 'configWarnings' | 'depth'> {
  definition: Pick<AgentDefinition, 'tools' | 'disallowedTools'>;
  env: NodeJS.ProcessEnv;
  /** `--mcp-config FILE`. */
  configFile?: string;
  /** Where the package's own `.mcp.json` is; null leaves it out (tests). Default: this package. */
  packageHome?: string | null;
  /** `--strict-mcp-config`: only `configFile` counts. */
  strict?: boolean;
}

/**
 * Throws McpConfigError (names the file, field or line) for a missing `--mcp-config` file or an unusable one.
 * Runs use the tool-list cache (see manager.ts) in defaultToolListCacheDir unless `DOCKER_EXPERT_MCP_CACHE=off`.
 */
export async function createMcpToolSource(opts: McpRunSourceOptions): Promise<McpManager> {
  const { servers, warnings } = await loadMcpConfig({ configFile: opts.configFile, cwd: opts.cwd, env: opts.env, packageHome: opts.packageHome, strict: opts.strict });
  const toolListCacheDir = opts.env.DOCKER_EXPERT_MCP_CACHE === 'off' ? undefined : (opts.toolListCacheDir ?? defaultToolListCacheDir(opts.env));
  return createMcpManager({ ...opts, servers, configWarnings: warnings, depth: nestingDepth(opts.env), toolListCacheDir, holdBackgroundStarts: true });
}
