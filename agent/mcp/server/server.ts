/**
 * docker-expert as an MCP server: the offline analyzers and generator as tools, and `run_agent` to run the
 * docker-expert agent itself. Tools whose module has not landed are simply not registered.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { createRedactor } from '../../redaction/index.js';
import { loadRedactionPatterns, settingsFilesFor } from '../../redaction/settings.js';
import type { ServerContext, ToolRegistrar } from './context.js';
import { redactToolResults } from './redact.js';
import { registerCheck } from './tools/check.js';
import { registerExplainRule } from './tools/explain-rule.js';
import { registerFix } from './tools/fix.js';
import { registerGenerateDockerfile } from './tools/generate-dockerfile.js';
import { registerRunAgent } from './tools/run-agent.js';

/** `run_agent` is offered only at depth 0: an agent run by our server never sees a run_agent of its own. */
export const DEFAULT_MAX_AGENT_DEPTH = 1;
export const SERVER_INFO = { name: 'docker-expert', version: '0.1.0' };
const INSTRUCTIONS =
  'Docker, Compose and Kubernetes expertise: offline analyzers (check, explain_rule, fix) and a Dockerfile generator ' +
  'that work on files under the folder this server was started in.';
const RUN_AGENT_INSTRUCTIONS = ' run_agent runs the docker-expert agent itself on a task in such a folder.';

const REGISTRARS: ToolRegistrar[] = [registerCheck, registerExplainRule, registerFix, registerGenerateDockerfile];

export async function createDockerExpertServer(ctx: ServerContext): Promise<McpServer> {
  const { McpServer } = await import('@modelcontextprotocol/sdk/server/mcp.js');
  const offersAgent = ctx.depth < ctx.maxAgentDepth;
  const server = new McpServer(SERVER_INFO, { instructions: INSTRUCTIONS + (offersAgent ? RUN_AGENT_INSTRUCTIONS : '') });
  redactToolResults(server, createRedactor(loadRedactionPatterns(settingsFilesFor(ctx.root, ctx.env))));
  for (const register of REGISTRARS) register(server, ctx);
  if (offersAgent) registerRunAgent(server, ctx);
  return server;
}
