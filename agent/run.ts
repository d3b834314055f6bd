/**
 * The library API: `runAgent({agent, task, cwd, ...})` runs one agent definition on one task and returns
 * `{ result, events }`: a promise of the CONTRACT result object and an async iterable of every event.
 *
 *   const run = runAgent({ agent: definition, task: 'Review the Dockerfile', cwd: '/repo' });
 *   for await (const e of run.events) if (e.type === 'tool_start') console.error(e.name);
 *   const result = await run.result;   // never rejects: failures are results with is_error
 */
import { randomUUID } from 'node:crypto';
import { realpathSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { renderRuntimePrompt, toolPolicyText } from '../prompts/runtime.js';
import { createFileReadState } from '../tools/fs/read-state.js';
import type { Tool } from '../tools/tool.js';
import { DEFAULT_CLEAR_AT_FRACTION, DEFAULT_KEEP_TOOL_RESULTS } from './context/clear-old-results.js';
import { DEFAULT_OUTPUT_CAPS, type OutputCaps } from './context/output-cap.js';
import type { AgentDefinition } from './definition/types.js';
import { EventStream, type AgentEvent, type EventListener, type ResultObject, type ResultSubtype } from './events.js';
import type { ToolHooks } from './executor.js';
import { DEFAULT_MAX_TOKENS, DEFAULT_MAX_TURNS, runLoop, type LoopHooks, type LoopState } from './loop.js';
import { resolveModel } from './models/aliases.js';
import { createAnthropicProvider } from './models/anthropic.js';
import { modelInfo } from './models/catalog.js';
import { DEFAULT_IDLE_TIMEOUT_MS } from './models/resilient.js';
import { emptyUsage, ModelError, type Message, type ModelProvider, type TextBlock } from './models/types.js';
import type { Approver, PermissionGate, PermissionMode } from '../permissions/types.js';
import { createPermissionGate } from '../permissions/index.js';
import type { Redactor } from './redaction/index.js';
import { buildToolset, builtinTools, listedBy } from './toolset.js';

/** Wall-clock limit of a whole run. */
export const DEFAULT_RUN_TIMEOUT_MS = 30 * 60_000;

/** Something that contributes tools once per run and may need closing (the MCP manager fits). */
export interface ToolSource {
  tools(): Promise<Tool[]>;
  close?(): Promise<void>;
  /** Warnings for the event stream (an MCP server that failed to start); earlier ones are replayed on subscribe. */
  onNotice?(listener: (message: string) => void): void;
  /** The source's whole new list, when it changed after `tools()` answered (a cached MCP tool list went stale). */
  onToolsChanged?(listener: (tools: Tool[]) => void): void;
  /** Told once, when the run first waits on the model (IDLE_WAIT_MS after a request went out): background work may wait for it. */
  requestStarted?(): void;
}

export interface RunHooks extends LoopHooks {
  /** Fields merged into the result at the end (the workflow's `workflow`, `handoff`, and `result` = handoff summary). */
  resultFields?(): Partial<Pick<ResultObject, 'workflow' | 'handoff' | 'result'>> & { subtype?: ResultSubtype };
  /** Told the run's event sink and signal before anything else happens. */
  attach?(run: { emit: (event: AgentEvent) => void; signal: AbortSignal }): void;
  /** Before the first request: text for the model (sent as one more user message), or why the run must not start. */
  beforeFirstTurn?(prompt: string): Promise<{ context: string[] } | { blocked: string }>;
  /**
   * A resumed conversation that had already ended (its last turn's Handoff was accepted, and the process stopped before
   * the result was recorded): true ends the run now, with no model request (asked again, the model would hand off a
   * second time and be refused until --max-turns).
   */
  endedBeforeResume?(messages: Message[]): Promise<boolean>;
  /** After the result is known (it is already in the event stream). */
  afterRun?(result: ResultObject): Promise<void>;
  /** Around each tool call (the executor's). */
  tools?: ToolHooks;
}

export interface RunAgentOptions {
  agent: AgentDefinition;
  task: string;
  /** The project; file tools are confined to it. */
  cwd: string;
  /** Alias, full id or `offline`; default: the definition's `model`. */
  model?: string;
  /** A provider of one's own (the offline expert, tests); default: the Anthropic provider. */
  provider?: ModelProvider;
  env?: NodeJS.ProcessEnv;
  /** Decides every tool call; default: createPermissionGate for this definition, cwd, mode and approver. */
  gate?: PermissionGate;
  approver?: Approver;
  permissionMode?: PermissionMode;
  additionalDirs?: string[];
  /** Whether the model sees a candidate tool at all; default: the gate's own `toolVisible` when it has one. */
  toolVisible?: (toolName: string) => boolean;
  /** Candidate tools filtered by the definition's list; default: the built-ins (file tools and Bash). */
  tools?: Tool[];
  /** More candidates, loaded once before the first request (MCP servers). */
  toolSources?: ToolSource[];
  /** Tools present whatever the definition lists (WorkflowStep, Handoff). */
  runtimeTools?: Tool[];
  /** Extra sections of the system prompt after the runtime's own (the workflow text). */
  systemAppend?: string[];
  hooks?: RunHooks;
  maxTurns?: number;
  maxBudgetUsd?: number;
  timeoutMs?: number;
  idleTimeoutMs?: number;
  streamRetries?: number;
  retryBaseMs?: number;
  sdkMaxRetries?: number;
  maxTokens?: number;
  contextWindow?: number;
  clearAtFraction?: number;
  keepToolResults?: number;
  outputCaps?: Partial<OutputCaps>;
  /** Applied to every tool result before anything sees it; default: the built-in detectors (NO_REDACTION turns it off). */
  redactor?: Redactor;
  /** Awaited before each tool call runs (ExecutorOptions.beforeToolCall). */
  beforeToolCall?: () => Promise<void>;
  sessionId?: string;
  /**
   * The conversation so far, ending with the user message to answer (a resumed session, a chat's next line): the run
   * starts from it instead of a message holding `task`, which then only names the run.
   */
  messages?: Message[];
  /** Default `<cwd>/.docker-expert/sessions/<id>`. */
  sessionDir?: string;
  signal?: AbortSignal;
  onEvent?: EventListener;
  /** For the date in the system prompt. */
  now?: () => Date;
}

export interface RunHandle {
  sessionId: string;
  result: Promise<ResultObject>;
  events: AsyncIterable<AgentEvent>;
  abort(reason?: string): void;
}

export function runAgent(options: RunAgentOptions): RunHandle {
  const sessionId = options.sessionId ?? randomUUID();
  const events = new EventStream();
  if (options.onEvent) events.on(options.onEvent);
  const abort = new AbortController();
  const result = execute(options, sessionId, events, abort).finally(() => events.close());
  return { sessionId, result, events, abort: (reason) => abort.abort(new Error(reason ?? 'aborted')) };
}

async function execute(options: RunAgentOptions, sessionId: string, events: EventStream, abort: AbortController): Promise<ResultObject> {
  const started = Date.now();
  const emit = (e: AgentEvent) => events.emit(e);
  const resolved = resolveModel(options.model ?? options.agent.model, options.env);
  const state: LoopState = { messages: [], turns: 0, usage: emptyUsage(), costUsd: 0, denials: [], stopReason: null, contextTokens: 0 };
  const timeoutMs = options.timeoutMs ?? DEFAULT_RUN_TIMEOUT_MS;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    abort.abort(new Error('timeout'));
  }, timeoutMs);
  const onOuterAbort = () => abort.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onOuterAbort, { once: true });
  options.hooks?.attach?.({ emit, signal: abort.signal });

  const finish = (subtype: ResultSubtype, text: string): ResultObject => {
    const extra = options.hooks?.resultFields?.() ?? {};
    const finalSubtype = subtype === 'success' && extra.subtype ? extra.subtype : subtype;
    const result: ResultObject = {
      type: 'result',
      subtype: finalSubtype,
      is_error: finalSubtype !== 'success',
      // A handoff that says the task failed still carries the report: it is the result text.
      result: (finalSubtype === 'success' || extra.subtype === finalSubtype) && extra.result !== undefined ? extra.result : text,
      session_id: sessionId,
      num_turns: state.turns,
      duration_ms: Date.now() - started,
      model: resolved.id,
      usage: state.usage,
      total_cost_usd: state.costUsd,
      permission_denials: state.denials,
      workflow: extra.workflow ?? [],
      handoff: extra.handoff ?? null,
      stop_reason: state.stopReason,
    };
    emit({ type: 'result', result });
    return result;
  };

  const afterRun = async (result: ResultObject): Promise<ResultObject> => {
    await options.hooks?.afterRun?.(result).catch(() => undefined);
    return result;
  };
  const sources = options.toolSources ?? [];
  try {
    const cwd = realpathSync(path.resolve(options.cwd));
    const sessionDir = options.sessionDir ?? path.join(cwd, '.docker-expert', 'sessions', sessionId);
    const provider = tellingWhenWaiting(options.provider ?? providerFor(resolved, options), () => sources.forEach((s) => s.requestStarted?.()));
    const additionalDirs = (options.additionalDirs ?? []).map((d) => realpathSync(path.resolve(cwd, d)));
    const gate =
      options.gate ??
      createPermissionGate({ definition: options.agent, cwd, additionalDirs, mode: options.permissionMode, approver: options.approver });
    const candidates = options.tools ?? builtinTools({ cwd, env: options.env, wanted: (name) => listedBy(options.agent.tools, name) });
    for (const s of sources) s.onNotice?.((message) => emit({ type: 'notice', message }));
    const sourced = await Promise.all(sources.map((s) => s.tools()));
    const toolsetFrom = () =>
      buildToolset({
        allowed: options.agent.tools,
        disallowed: options.agent.disallowedTools,
        candidates: [...candidates, ...sourced.flat()],
        runtime: options.runtimeTools,
        visible: options.toolVisible ?? (gate as { toolVisible?: (name: string) => boolean }).toolVisible?.bind(gate),
      });
    const toolset = toolsetFrom();
    // The loop reads the toolset at every request: a changed source list is in the next one.
    sources.forEach((s, i) =>
      s.onToolsChanged?.((tools) => {
        sourced[i] = tools;
        Object.assign(toolset, toolsetFrom());
      }),
    );
    const info = modelInfo(resolved.id);
    const system = systemPrompt(options, cwd, resolved.id, toolset.tools.map((t) => t.name));
    emit({
      type: 'init',
      session_id: sessionId,
      agent: options.agent.name,
      model: resolved.id,
      tools: toolset.tools.map((t) => t.name),
      cwd,
      permission_mode: options.permissionMode ?? 'default',
      session_dir: sessionDir,
    });
    if (toolset.unresolved.length) emit({ type: 'notice', message: `tools not available in this run: ${toolset.unresolved.join(', ')}` });
    if (options.messages?.length) state.messages.push(...options.messages);
    else state.messages.push({ role: 'user', content: [{ type: 'text', text: options.task }] });
    if (options.messages?.length && (await options.hooks?.endedBeforeResume?.(options.messages))) return await afterRun(finish('success', ''));
    const start = await options.hooks?.beforeFirstTurn?.(options.task);
    if (start && 'blocked' in start) return await afterRun(finish('error_during_execution', start.blocked));
    if (start?.context.length) {
      const context: Message = { role: 'user', content: start.context.map((text) => ({ type: 'text' as const, text })) };
      state.messages.push(context);
      emit({ type: 'user', message: context });
    }
    const outcome = await runLoop(
      {
        provider,
        model: resolved.id,
        maxTokens: options.maxTokens ?? Math.min(DEFAULT_MAX_TOKENS, info.maxOutput),
        system,
        toolset,
        maxTurns: options.maxTurns ?? options.agent.maxTurns ?? DEFAULT_MAX_TURNS,
        maxBudgetUsd: options.maxBudgetUsd,
        price: info.price,
        clear: {
          contextWindow: options.contextWindow ?? info.contextWindow,
          clearAtFraction: options.clearAtFraction ?? DEFAULT_CLEAR_AT_FRACTION,
          keep: options.keepToolResults ?? DEFAULT_KEEP_TOOL_RESULTS,
        },
        retry: {
          idleTimeoutMs: options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
          streamRetries: options.streamRetries,
          retryBaseMs: options.retryBaseMs,
        },
        executor: {
          gate,
          approver: options.approver,
          toolContext: {
            cwd,
            additionalDirs,
            signal: abort.signal,
            sessionDir,
            fileState: createFileReadState(),
          },
          caps: { ...DEFAULT_OUTPUT_CAPS, ...options.outputCaps },
          outputDir: path.join(sessionDir, 'tool-outputs'),
          toolHooks: options.hooks?.tools,
          redactor: options.redactor,
          beforeToolCall: options.beforeToolCall,
        },
        hooks: options.hooks ?? {},
        signal: abort.signal,
        emit,
      },
      state,
    );
    return await afterRun(finish(outcome.subtype, outcome.text));
  } catch (err) {
    if (timedOut) return afterRun(finish('error_during_execution', `Stopped: the run passed its time limit of ${timeoutMs / 1000} s.`));
    if (err instanceof ModelError && err.kind === 'aborted' && abort.signal.aborted) {
      return afterRun(finish('error_during_execution', `Stopped: the run was aborted (${(abort.signal.reason as Error)?.message ?? 'aborted'}).`));
    }
    const message = err instanceof ModelError ? `Model call failed: ${err.message}` : `Run failed: ${(err as Error)?.message ?? String(err)}`;
    return afterRun(finish('error_during_execution', message));
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onOuterAbort);
    await Promise.all(sources.map((s) => s.close?.().catch(() => undefined)));
  }
}

/**
 * How long a sent request may go unanswered before the run counts as waiting on the model: the work held for that
 * (MCP servers with a cached tool list starting in the background) then begins, in time the run would spend idle.
 */
export const IDLE_WAIT_MS = 100;

/**
 * The provider, calling `onWaiting` once: when a request has been on the connection for `IDLE_WAIT_MS` without its
 * answer settling. Started earlier, that work ran ahead of the request itself (spawning servers, loading the MCP
 * client: about 0.5 s before the first request on Node 24, whose import() of cached modules settles before the socket
 * connects) or of the answer's handling. A run whose answers all come sooner (a scripted API) never waits, and a
 * server it calls starts at that call; a provider that sends nothing (the offline expert) never calls onSent.
 */
function tellingWhenWaiting(provider: ModelProvider, onWaiting: () => void, waitMs = IDLE_WAIT_MS): ModelProvider {
  let told = false;
  const tell = () => {
    if (told) return;
    told = true;
    onWaiting();
  };
  return {
    name: provider.name,
    createMessage: (request, call) => {
      let timer: NodeJS.Timeout | undefined;
      return provider
        .createMessage(request, {
          ...call,
          onSent: () => {
            if (!told) timer ??= setTimeout(tell, waitMs);
            call.onSent?.();
          },
        })
        .finally(() => clearTimeout(timer));
    },
  };
}

function providerFor(resolved: ReturnType<typeof resolveModel>, options: RunAgentOptions): ModelProvider {
  if (resolved.kind === 'offline') throw new Error("model 'offline' needs the offline expert's provider, passed as `provider`");
  return createAnthropicProvider({ env: options.env, maxRetries: options.sdkMaxRetries });
}

function systemPrompt(options: RunAgentOptions, cwd: string, model: string, toolNames: string[]): TextBlock[] {
  const date = (options.now?.() ?? new Date()).toISOString().slice(0, 10);
  const runtime = renderRuntimePrompt({
    cwd,
    platform: `${os.platform()} ${os.arch()}`,
    date,
    model,
    tools: toolNames,
    toolPolicy: toolPolicyText(options.agent.tools),
  });
  const parts = [options.agent.body.trim(), runtime, ...(options.systemAppend ?? [])].filter((p) => p !== '');
  return [{ type: 'text', text: parts.join('\n\n') }];
}
