/**
 * Puts a run together from what a caller knows (an agent name, a task, a folder, CLI-level options): the definition,
 * the permission gate, the workflow, the model provider (Claude or the offline expert), built-in and MCP tools, Task.
 * `run`, `chat`, `batch` and the MCP server's `run_agent` all start runs through here; runAgent stays the plain loop.
 */
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { attachWorkflow } from '../handoffs/attach.js';
import { findAgent, type LoadedAgent } from './definition/load.js';
import type { AgentDefinition } from './definition/types.js';
import type { AgentEvent } from './events.js';
import { OFFLINE_MODEL, resolveModel } from './models/aliases.js';
import { createOfflineProvider } from './models/offline/provider.js';
import type { ModelProvider } from './models/types.js';
import { createPermissionGate } from './permissions/index.js';
import type { Approver, PermissionGate, PermissionMode } from './permissions/types.js';
import { runAgent, type RunHandle, type RunHooks, type ToolSource } from './run.js';
import { builtinTools } from './toolset.js';

export interface StartOptions {
  /** A definition, or the name of one to look up (`--agents-dir`, `<cwd>/.claude/agents`, the package's own). */
  agent: string | AgentDefinition;
  task: string;
  cwd: string;
  agentsDir?: string;
  /** Alias, full id or `offline`; default: the definition's model, or `offline` when no API key is set. */
  model?: string;
  env?: NodeJS.ProcessEnv;
  permissionMode?: PermissionMode;
  allow?: string[];
  deny?: string[];
  addDirs?: string[];
  approver?: Approver;
  /** `--mcp-config FILE`; `mcp: false` connects no MCP server at all. */
  mcpConfig?: string;
  mcp?: boolean;
  maxTurns?: number;
  maxBudgetUsd?: number;
  timeoutMs?: number;
  idleTimeoutMs?: number;
  sessionId?: string;
  sessionDir?: string;
  signal?: AbortSignal;
  onEvent?: (event: AgentEvent) => void;
  /** Notices for a person (no API key, MCP warnings); the CLI prints them on stderr. */
  onNotice?: (message: string) => void;
  /** A provider of one's own (tests); overrides `model`'s provider. */
  provider?: ModelProvider;
  /** Replaces the permission gate built from the options (a Task sub-agent shares its parent's). */
  gate?: PermissionGate;
}

export interface StartedRun extends RunHandle {
  definition: AgentDefinition;
  model: string;
}

/** True when a model would be used without credentials: the offline expert runs instead. */
export function offlineByDefault(env: NodeJS.ProcessEnv): boolean {
  return !(env.ANTHROPIC_API_KEY || env.ANTHROPIC_AUTH_TOKEN);
}

/**
 * Builds and starts a run. Throws DefinitionError, PermissionConfigError or McpConfigError (the CLI turns them into
 * exit 2) before anything runs.
 */
export async function startRun(options: StartOptions): Promise<StartedRun> {
  const env = options.env ?? process.env;
  const cwd = realpathSync(path.resolve(options.cwd));
  const definition: AgentDefinition =
    typeof options.agent === 'string' ? (await findAgent(options.agent, { cwd, agentsDir: options.agentsDir })).definition : options.agent;
  for (const w of definition.warnings) options.onNotice?.(`warning: ${w}`);

  let model = options.model ?? definition.model;
  if (!options.model && !options.provider && offlineByDefault(env)) {
    model = OFFLINE_MODEL;
    options.onNotice?.('no ANTHROPIC_API_KEY or ANTHROPIC_AUTH_TOKEN is set: the built-in offline expert runs this task (--model sonnet with a key uses Claude)');
  }
  const offline = resolveModel(model, env).kind === 'offline';

  const baseGate =
    options.gate ??
    createPermissionGate({
      definition,
      cwd,
      additionalDirs: options.addDirs,
      mode: options.permissionMode ?? 'default',
      allow: options.allow,
      deny: options.deny,
      approver: options.approver,
    });
  for (const w of (baseGate as { warnings?: string[] }).warnings ?? []) options.onNotice?.(`warning: ${w}`);

  const workflow = attachWorkflow(definition, {
    cwd,
    onStep: (s) => options.onEvent?.({ type: 'workflow', step: s.step, status: s.status, summary: s.summary }),
  });
  const gate = workflow ? workflow.wrapGate(baseGate) : baseGate;

  const toolSources: ToolSource[] = [];
  // The offline expert never calls MCP tools, so an offline run starts no MCP server.
  if (options.mcp !== false && !offline && wantsMcp(definition)) toolSources.push(await mcpSource(options, cwd, env, definition));

  const provider =
    options.provider ??
    (offline ? createOfflineProvider({ cwd, task: options.task, handoffTargets: definition.routing.handsOffTo }) : undefined);

  const hooks: RunHooks = workflow?.hooks ?? {};
  const handle = runAgent({
    agent: definition,
    task: options.task,
    cwd,
    model,
    provider,
    env,
    gate,
    approver: options.approver,
    permissionMode: options.permissionMode,
    additionalDirs: options.addDirs,
    tools: builtinTools(),
    toolSources,
    runtimeTools: workflow?.runtimeTools,
    systemAppend: workflow?.systemAppend,
    hooks,
    maxTurns: options.maxTurns,
    maxBudgetUsd: options.maxBudgetUsd,
    timeoutMs: options.timeoutMs,
    idleTimeoutMs: options.idleTimeoutMs,
    sessionId: options.sessionId,
    sessionDir: options.sessionDir,
    signal: options.signal,
    onEvent: (e) => options.onEvent?.(e),
  });
  return { ...handle, definition, model: resolveModel(model, env).id };
}

function wantsMcp(definition: AgentDefinition): boolean {
  return definition.tools === undefined || definition.tools.some((t) => t.tool.startsWith('mcp__'));
}

async function mcpSource(options: StartOptions, cwd: string, env: NodeJS.ProcessEnv, definition: AgentDefinition): Promise<ToolSource> {
  const { loadMcpConfig, createMcpManager } = await import('./mcp/index.js');
  const config = await loadMcpConfig({ configFile: options.mcpConfig, cwd, env });
  const { nestingDepth } = await import('./mcp/index.js');
  const manager = createMcpManager({
    cwd,
    depth: nestingDepth(env),
    servers: config.servers,
    definition,
    deny: options.deny,
    configWarnings: config.warnings,
    onWarning: (w) => options.onNotice?.(`mcp: ${w.message}`),
  });
  return { tools: () => manager.tools(), close: () => manager.close() };
}

export type { LoadedAgent };
