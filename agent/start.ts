/**
 * Puts a run together from what a caller knows (an agent name, a task, a folder, CLI-level options): the definition,
 * the permission gate, the workflow, the model provider (Claude or the offline expert), built-in and MCP tools, Task.
 * `run`, `chat`, `batch` and the MCP server's `run_agent` all start runs through here; runAgent stays the plain loop.
 */
import { randomUUID } from 'node:crypto';
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { attachWorkflow } from '../handoffs/attach.js';
import { findAgent, loadAgents, type LoadedAgent } from './definition/load.js';
import type { AgentDefinition } from './definition/types.js';
import type { AgentEvent, ResultObject } from './events.js';
import { TERMINAL } from './definition/routing.js';
import { addUsage, emptyUsage } from './models/types.js';
import { OFFLINE_MODEL, resolveModel } from './models/aliases.js';
import type { Message, ModelProvider } from './models/types.js';
import { createPermissionGate } from '../permissions/index.js';
import type { Approver, PermissionGate, PermissionMode } from '../permissions/types.js';
import { runAgent, type RunHandle, type RunHooks, type ToolSource } from './run.js';
import type { McpPool } from './mcp/pool.js';
import { changedFilesInProgress, restoreWorkflow } from './session/workflow-state.js';
import { builtinTools, listedBy } from './toolset.js';
import { createTaskTool, DEFAULT_MAX_CONCURRENT_TASKS, DEFAULT_TASK_MAX_TURNS, intersectGates, Limiter } from './task-tool.js';
import type { Tool } from '../tools/tool.js';
import type { GenerateOptions } from '../tools/generator/options.js';
import { verifyAllowRules } from './verify-grants.js';
import { hooksForRun, type HookScope } from './hooks/index.js';
import { createRedactor, NO_REDACTION, type Redactor } from './redaction/index.js';
import { loadRedactionPatterns, settingsFilesFor } from './redaction/settings.js';
import { telemetryFor, type RunTelemetry, type TelemetryParent, type TraceHeaders } from './telemetry/index.js';

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
  /** Claude Code's `--strict-mcp-config`: only `mcpConfig` counts. */
  strictMcpConfig?: boolean;
  mcp?: boolean;
  maxTurns?: number;
  maxBudgetUsd?: number;
  timeoutMs?: number;
  idleTimeoutMs?: number;
  sessionId?: string;
  sessionDir?: string;
  /** The conversation so far, ending with the user message to answer (resume, chat); the workflow's steps are restored from it. */
  messages?: Message[];
  signal?: AbortSignal;
  onEvent?: (event: AgentEvent) => void;
  /** Notices for a person (no API key, MCP warnings); the CLI prints them on stderr. */
  onNotice?: (message: string) => void;
  /** The offline expert's generator options (e.g. local base images for a test engine). */
  generatorOptions?: GenerateOptions;
  /**
   * `--verify` (default on): the agent may build and run its own image (rules in verify-grants.ts), and the offline
   * expert does so, repairing at most `maxRounds` times.
   */
  verify?: { enabled: boolean; maxRounds: number };
  /** MCP servers shared by successive runs (chat): started once, closed by the pool's owner, not by the run. */
  mcpPool?: McpPool;
  /** `--max-write-bytes`: most bytes one Write may write (default WRITE_MAX_BYTES); Task sub-agents inherit it. */
  maxWriteBytes?: number;
  /** A provider of one's own (tests); overrides `model`'s provider. */
  provider?: ModelProvider;
  /** Awaited before each tool call runs, after its tool_start is emitted (a journal in PostgreSQL catches up). */
  beforeToolCall?: () => Promise<void>;
  /** A Task sub-agent's parent gate: the child's own gate is intersected with it. */
  parentGate?: PermissionGate;
  /** Task nesting: 0 for a top-level run. */
  depth?: number;
  maxTaskDepth?: number;
  maxConcurrentTasks?: number;
  /** Shared by a whole run tree; made by the top-level run. */
  limiter?: Limiter;
  /** `--trust-project`: hooks from the project's settings files and agent definitions run. */
  trustProject?: boolean;
  /** Whether Claude Code's trust record in `~/.claude.json` trusts the project (default true; serve and batch: false). */
  recordedTrust?: boolean;
  /** A Task sub-agent's: its parent's hooks scope, session and journal. */
  hookParent?: { scope: HookScope; sessionId: string; transcriptPath: string };
  /** `--no-redact` passes false: tool output is not redacted (default true: built-in detectors and settings patterns). */
  redact?: boolean;
  /** A caller's W3C trace context (`serve`): the run's trace continues it. */
  traceHeaders?: TraceHeaders;
  /** A Task sub-agent's place in its parent's trace (set by the parent's Task tool). */
  telemetryParent?: TelemetryParent;
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
  const sessionId = options.sessionId ?? randomUUID();
  const redactor = redactorFor(options, cwd, env);
  const hooked = hooksForRun({
    definition,
    cwd,
    env,
    sessionId,
    sessionDir: options.sessionDir ?? path.join(cwd, '.docker-expert', 'sessions', sessionId),
    permissionMode: options.permissionMode ?? 'default',
    model: resolveModel(model, env).id,
    resumed: options.messages !== undefined,
    trustProject: options.trustProject,
    recordedTrust: options.recordedTrust,
    parent: options.hookParent,
    onNotice: options.onNotice,
    redactor,
  });
  const approver = hooked.session.wrapApprover(options.approver);

  const ownGate = createPermissionGate({
    definition,
    cwd,
    additionalDirs: options.addDirs,
    mode: options.permissionMode ?? 'default',
    allow: [...definitionEditGrants(definition), ...(options.allow ?? [])],
    verifyAllow: (options.verify?.enabled ?? true) ? verifyAllowRules() : [],
    deny: [RUNTIME_STATE_DENY, ...(options.deny ?? [])],
    approver,
  });
  for (const w of ownGate.warnings) options.onNotice?.(`warning: ${w}`);
  // What the model sees comes from its own gate (runAgent's toolVisible below); what it may do, from both.
  const baseGate: PermissionGate = options.parentGate ? intersectGates(options.parentGate, ownGate) : ownGate;

  const workflow = attachWorkflow(definition, {
    cwd,
    changedFiles: options.messages ? changedFilesInProgress(options.messages, cwd) : undefined,
    onStep: (s) => options.onEvent?.({ type: 'workflow', step: s.step, status: s.status, summary: s.summary }),
  });
  if (workflow && options.messages) restoreWorkflow(workflow.workflow, options.messages);
  const gate = workflow ? workflow.wrapGate(baseGate) : baseGate;

  const toolSources: ToolSource[] = [];
  // The offline expert never calls MCP tools, so an offline run starts no MCP server.
  if (options.mcp !== false && !offline && wantsMcp(definition)) {
    const create = () => mcpSource(options, cwd, env, definition);
    const key = JSON.stringify([definition.name, cwd, options.mcpConfig, options.strictMcpConfig, options.deny]);
    toolSources.push(options.mcpPool ? await options.mcpPool.get(key, create) : await create());
  }

  const provider =
    options.provider ??
    // The offline expert (its generator, diff, the verify loop) is imported only by a run that uses it.
    (offline ? (await import('./models/offline/provider.js')).createOfflineProvider({ cwd, task: options.task, handoffTargets: definition.routing.handsOffTo, generate: options.generatorOptions, verify: options.verify, runId: options.sessionId }) : undefined);

  const telemetry = (await telemetryFor(env, options.onNotice))?.startRun({
    agent: definition.name,
    task: options.task,
    parent: options.telemetryParent ?? (options.traceHeaders ? { kind: 'w3c', headers: options.traceHeaders } : undefined),
  });
  const hooks: RunHooks = hooked.session.wrap(workflow?.hooks ?? {});
  const tools = builtinTools({ cwd, env, maxWriteBytes: options.maxWriteBytes, wanted: (name) => listedBy(definition.tools, name) });
  const hookParent = { scope: hooked.scope, sessionId: options.hookParent?.sessionId ?? sessionId, transcriptPath: hooked.transcriptPath };
  if (listedBy(definition.tools, 'Task')) tools.push(await taskTool(options, { cwd, env, definition, gate, offline, hookParent, telemetry }));
  const handle = runAgent({
    agent: definition,
    task: options.task,
    cwd,
    model,
    provider,
    env,
    gate,
    toolVisible: ownGate.toolVisible,
    approver,
    permissionMode: options.permissionMode,
    additionalDirs: options.addDirs,
    tools,
    toolSources,
    runtimeTools: workflow?.runtimeTools,
    systemAppend: workflow?.systemAppend,
    hooks,
    maxTurns: options.maxTurns,
    maxBudgetUsd: options.maxBudgetUsd,
    timeoutMs: options.timeoutMs,
    idleTimeoutMs: options.idleTimeoutMs,
    redactor,
    beforeToolCall: options.beforeToolCall,
    sessionId,
    sessionDir: options.sessionDir,
    messages: options.messages,
    signal: options.signal,
    onEvent: (e) => {
      telemetry?.onEvent(e);
      options.onEvent?.(e);
    },
  });
  return { ...handle, definition, model: resolveModel(model, env).id };
}

/** The built-in detectors plus the settings files' patterns, or none with `--no-redact` (said once, by the top-level run). */
function redactorFor(options: StartOptions, cwd: string, env: NodeJS.ProcessEnv): Redactor {
  if (options.redact === false) {
    if (!options.depth) options.onNotice?.('--no-redact: secrets in tool output are NOT redacted in this run; they reach the model provider, the session journal, events and telemetry as they are');
    return NO_REDACTION;
  }
  return createRedactor(loadRedactionPatterns(settingsFilesFor(cwd, env)));
}

/** The runtime's own state (session journals, saved outputs) is never the agent's to change. */
export const RUNTIME_STATE_DENY = 'Edit(/.docker-expert/**)';

/**
 * Decision: a definition that lists Write, Edit or MultiEdit grants that edit tool inside the project (`run` is
 * non-interactive, and an agent whose job is writing Dockerfiles must be able to write them). Confinement, protected
 * paths, secret files, deny rules and plan mode still apply; Bash entries are enforced command by command.
 */
function definitionEditGrants(definition: AgentDefinition): string[] {
  // In Claude Code's rule syntax, `Edit` rules govern every edit tool (Write, Edit, MultiEdit).
  return (definition.tools ?? []).some((t) => ['Write', 'Edit', 'MultiEdit'].includes(t.tool) && t.specifier === undefined) ? ['Edit'] : [];
}

async function taskTool(
  options: StartOptions,
  run: { cwd: string; env: NodeJS.ProcessEnv; definition: AgentDefinition; gate: PermissionGate; offline: boolean; hookParent: StartOptions['hookParent']; telemetry?: RunTelemetry },
): Promise<Tool> {
  const { agents } = await loadAgents({ cwd: run.cwd, agentsDir: options.agentsDir });
  const limiter = options.limiter ?? new Limiter(options.maxConcurrentTasks ?? DEFAULT_MAX_CONCURRENT_TASKS);
  const depth = options.depth ?? 0;
  return createTaskTool({
    agents,
    depth,
    maxDepth: options.maxTaskDepth,
    limiter,
    parentGate: () => run.gate,
    start: async ({ definition, prompt, gate, depth: childDepth, signal, toolUseId }) => {
      const child = await startRun({
        agent: definition,
        task: prompt,
        cwd: run.cwd,
        agentsDir: options.agentsDir,
        env: run.env,
        model: run.offline ? OFFLINE_MODEL : undefined,
        permissionMode: options.permissionMode,
        allow: options.allow,
        deny: options.deny,
        addDirs: options.addDirs,
        mcpConfig: options.mcpConfig,
        strictMcpConfig: options.strictMcpConfig,
        mcp: options.mcp,
        maxTurns: definition.maxTurns ?? DEFAULT_TASK_MAX_TURNS,
        idleTimeoutMs: options.idleTimeoutMs,
        parentGate: gate,
        depth: childDepth,
        maxTaskDepth: options.maxTaskDepth,
        maxWriteBytes: options.maxWriteBytes,
        redact: options.redact,
        telemetryParent: run.telemetry?.parentFor(toolUseId),
        limiter,
        signal,
        hookParent: run.hookParent,
        // A sub-agent's hook runs are the run tree's hook runs (they carry agent_type); its other events are summarized.
        onEvent: (e) => options.onEvent?.(e.type === 'hook' ? e : ({ type: 'notice', message: `[${definition.name}] ${summarizeChildEvent(e)}` } as AgentEvent)),
        onNotice: (m) => options.onNotice?.(`[${definition.name}] ${m}`),
      });
      return child.result;
    },
  });
}

function summarizeChildEvent(e: AgentEvent): string {
  return e.type === 'tool_start' ? `tool ${(e as { name?: string }).name}` : e.type;
}

function wantsMcp(definition: AgentDefinition): boolean {
  return definition.tools === undefined || definition.tools.some((t) => t.tool.startsWith('mcp__'));
}

async function mcpSource(options: StartOptions, cwd: string, env: NodeJS.ProcessEnv, definition: AgentDefinition): Promise<ToolSource> {
  const { createMcpToolSource } = await import('./mcp/index.js');
  return createMcpToolSource({
    cwd,
    env,
    definition,
    deny: options.deny,
    configFile: options.mcpConfig,
    strict: options.strictMcpConfig,
  });
}

export type { LoadedAgent };

/** Agents run one after another by `--follow-handoffs` before the chain stops (`maxHops`). */
export const DEFAULT_MAX_HANDOFF_HOPS = 3;

export type ChainResult = ResultObject & { chain?: ResultObject[] };

/**
 * `--follow-handoffs`: while a run hands off to a loaded agent (not `terminal`), run that agent next with the handoff as
 * its task. The last result is returned with the earlier ones in `chain`; usage and cost are summed over the chain.
 */
export async function followHandoffs(
  first: StartedRun,
  options: StartOptions,
  start: (options: StartOptions) => Promise<StartedRun> = startRun,
  maxHops = DEFAULT_MAX_HANDOFF_HOPS,
): Promise<ChainResult> {
  const chain: ResultObject[] = [];
  let current = first;
  for (;;) {
    const result = await current.result;
    const target = (result.handoff as { to?: string } | null)?.to;
    const next = target && target !== TERMINAL && !result.is_error ? await loadedAgent(options, target) : undefined;
    if (!next || chain.length >= maxHops) {
      if (next) options.onNotice?.(`--follow-handoffs: stopped before '${target}' after ${maxHops} hop(s)`);
      return chain.length ? withChain(result, chain) : result;
    }
    chain.push(result);
    options.onNotice?.(`--follow-handoffs: ${current.definition.name} handed off to ${next.name}`);
    current = await start({ ...options, agent: next, task: handoffTask(current.definition.name, result), sessionId: undefined });
  }
}

async function loadedAgent(options: StartOptions, name: string): Promise<AgentDefinition | undefined> {
  const { agents } = await loadAgents({ cwd: options.cwd, agentsDir: options.agentsDir });
  return agents.find((a) => a.name === name);
}

/** The next agent's task: the handoff itself, as readable text with the JSON after it. */
function handoffTask(from: string, result: ResultObject): string {
  return [
    `${from} handed this work off to you. Its report:`,
    '',
    result.result,
    '',
    'The whole handoff (artifacts with hashes, findings, commands, open_tasks, verification):',
    '```json',
    JSON.stringify(result.handoff, null, 2),
    '```',
  ].join('\n');
}

function withChain(last: ResultObject, chain: ResultObject[]): ChainResult {
  const all = [...chain, last];
  const usage = emptyUsage();
  for (const r of all) addUsage(usage, r.usage);
  return {
    ...last,
    usage,
    total_cost_usd: all.reduce((c, r) => c + r.total_cost_usd, 0),
    num_turns: all.reduce((n, r) => n + r.num_turns, 0),
    permission_denials: all.flatMap((r) => r.permission_denials),
    chain,
  };
}
