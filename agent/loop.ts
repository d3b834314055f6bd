/**
 * The tool-use loop: ask the model, hand its tool calls to the executor, append the results, until a stop reason
 * or a limit ends the run. Caching, context clearing, retries, permissions and tools live in their own modules.
 */
import { clearOldToolResults, clearThreshold, estimateTokens, type ClearOptions } from './context/clear-old-results.js';
import { withCacheBreakpoints } from './cache.js';
import type { AgentEvent, PermissionDenial, ResultSubtype } from './events.js';
import { executeToolCalls, type ExecutorOptions } from './executor.js';
import { costOf, type ModelPrice } from './models/catalog.js';
import { callModel, type ResilientCallOptions } from './models/resilient.js';
import type { AssistantMessage, Message, ModelProvider, TextBlock, ToolResultBlock, ToolUseBlock, Usage } from './models/types.js';
import { addUsage } from './models/types.js';
import type { Toolset } from './toolset.js';

/** Model round trips before the run stops (CONTRACT `--max-turns`). */
export const DEFAULT_MAX_TURNS = 50;
/** `max_tokens` of each request. */
export const DEFAULT_MAX_TOKENS = 16_384;

/** What a hook answers when the model ends its turn without tool calls (the workflow's TurnEndAction). */
export type TurnEndAction =
  | { action: 'done' }
  | { action: 'remind'; message: string }
  | { action: 'fail'; message: string; subtype?: ResultSubtype };

export interface LoopHooks {
  /** The model ended its turn: end the run (`done`), send `message` and go on (`remind`), or fail the run. */
  onTurnEnd?(info: { text: string; message: AssistantMessage }): TurnEndAction | Promise<TurnEndAction>;
  /** After each batch of tool results (the workflow reports its steps from here). */
  afterTools?(info: { calls: ToolUseBlock[]; results: ToolResultBlock[]; changedFiles: string[] }): void | Promise<void>;
  /** Old tool results are about to be cleared (Claude Code's PreCompact hooks run here). */
  beforeClear?(): Promise<void>;
  /** Set once something (a hook's `continue: false`) asked the run to stop: the reason. */
  haltReason?(): string | undefined;
}

export interface LoopConfig {
  provider: ModelProvider;
  model: string;
  maxTokens: number;
  system: TextBlock[];
  toolset: Toolset;
  maxTurns: number;
  maxBudgetUsd?: number;
  price: ModelPrice;
  clear: ClearOptions;
  retry: Omit<ResilientCallOptions, 'signal' | 'onEvent' | 'onRetry'>;
  executor: Omit<ExecutorOptions, 'tools' | 'emit'>;
  hooks: LoopHooks;
  signal: AbortSignal;
  emit: (event: AgentEvent) => void;
}

export interface LoopState {
  messages: Message[];
  turns: number;
  usage: Usage;
  costUsd: number;
  denials: PermissionDenial[];
  stopReason: string | null;
  /** Tokens the last request held (input + cache + output): where the context stands. */
  contextTokens: number;
}

export interface LoopOutcome {
  subtype: ResultSubtype;
  text: string;
}

export async function runLoop(config: LoopConfig, state: LoopState): Promise<LoopOutcome> {
  for (;;) {
    if (state.turns >= config.maxTurns) return maxTurnsOutcome(config, state);
    await clearContextIfNeeded(config, state);
    const message = await ask(config, state);
    state.messages.push({ role: 'assistant', content: message.content });
    if (config.maxBudgetUsd !== undefined && state.costUsd >= config.maxBudgetUsd) {
      return { subtype: 'error_max_budget_usd', text: `Stopped: the run cost $${state.costUsd.toFixed(4)}, which reaches --max-budget-usd ${config.maxBudgetUsd}.` };
    }
    const calls = message.content.filter((b): b is ToolUseBlock => b.type === 'tool_use');
    switch (message.stop_reason) {
      case 'tool_use': {
        if (calls.length === 0) break;
        if (state.turns >= config.maxTurns) return maxTurnsOutcome(config, state);
        const outcome = await executeToolCalls(calls, { ...config.executor, tools: config.toolset.byName, emit: config.emit });
        append(config, state, outcome.message);
        state.denials.push(...outcome.denials);
        addUsage(state.usage, outcome.nestedUsage);
        state.costUsd += outcome.nestedCostUsd;
        await config.hooks.afterTools?.({ calls, results: outcome.message.content as ToolResultBlock[], changedFiles: outcome.changedFiles });
        if (outcome.endsRun) return { subtype: 'success', text: textOf(message) };
        const halt = config.hooks.haltReason?.();
        if (halt) return { subtype: 'success', text: halt };
        continue;
      }
      case 'max_tokens':
      case 'model_context_window_exceeded':
        append(config, state, truncationReply(message, calls));
        continue;
      case 'pause_turn':
        continue;
      case 'refusal': {
        const why = message.stop_details?.explanation ?? message.stop_details?.category ?? 'no reason given';
        return { subtype: 'error_during_execution', text: `The model refused to continue (${why}).${textOf(message) ? `\n${textOf(message)}` : ''}` };
      }
    }
    const text = textOf(message);
    const decision = (await config.hooks.onTurnEnd?.({ text, message })) ?? { action: 'done' };
    if (decision.action === 'done') return { subtype: 'success', text };
    if (decision.action === 'fail') return { subtype: decision.subtype ?? 'error_no_handoff', text: decision.message };
    append(config, state, { role: 'user', content: [{ type: 'text', text: decision.message }] });
  }
}

async function ask(config: LoopConfig, state: LoopState): Promise<AssistantMessage> {
  const request = withCacheBreakpoints({
    model: config.model,
    max_tokens: config.maxTokens,
    system: config.system,
    tools: config.toolset.specs,
    messages: state.messages,
  });
  const message = await callModel(config.provider, request, {
    ...config.retry,
    signal: config.signal,
    onEvent: (e) => e.type === 'text_delta' && config.emit({ type: 'text_delta', text: e.text }),
    onRetry: (r) => config.emit({ type: 'retry', attempt: r.attempt, kind: r.kind, message: r.message, delay_ms: r.delayMs, status: r.status }),
  });
  state.turns++;
  state.stopReason = message.stop_reason;
  const cost = costOf(message.usage, config.price);
  addUsage(state.usage, message.usage);
  state.costUsd += cost;
  const u = message.usage;
  state.contextTokens = u.input_tokens + u.cache_creation_input_tokens + u.cache_read_input_tokens + u.output_tokens;
  config.emit({ type: 'assistant', turn: state.turns, message });
  config.emit({ type: 'usage', turn: state.turns, usage: message.usage, cost_usd: cost, total_usage: { ...state.usage }, total_cost_usd: state.costUsd });
  return message;
}

function append(config: LoopConfig, state: LoopState, message: Message): void {
  state.messages.push(message);
  state.contextTokens += estimateTokens([message]);
  config.emit({ type: 'user', message });
}

async function clearContextIfNeeded(config: LoopConfig, state: LoopState): Promise<void> {
  if (state.contextTokens > clearThreshold(config.clear)) await config.hooks.beforeClear?.();
  const cleared = clearOldToolResults(state.messages, state.contextTokens, config.clear);
  if (cleared === 0) return;
  state.contextTokens = estimateTokens(state.messages) + estimateTokens([{ role: 'user', content: config.system }]);
  config.emit({ type: 'notice', message: `context near its limit: ${cleared} old tool result(s) cleared` });
}

/** A response cut by the output limit: a cut tool call is never run; each call of the turn gets a result saying so. */
function truncationReply(message: AssistantMessage, calls: ToolUseBlock[]): Message {
  if (calls.length === 0) {
    return { role: 'user', content: [{ type: 'text', text: 'Your response was cut off by the output limit. Continue exactly where it stopped.' }] };
  }
  return {
    role: 'user',
    content: calls.map((c) => ({
      type: 'tool_result' as const,
      tool_use_id: c.id,
      is_error: true,
      content: `Not executed: your response hit the output limit (${message.stop_reason}) while this turn's tool calls were being written, so the input may be incomplete. Send the call again; split large content (e.g. write a big file in parts with Edit).`,
    })),
  };
}

function maxTurnsOutcome(config: LoopConfig, state: LoopState): LoopOutcome {
  return { subtype: 'error_max_turns', text: `Stopped after ${state.turns} turns: --max-turns is ${config.maxTurns}.` };
}

export function textOf(message: AssistantMessage): string {
  return message.content
    .filter((b): b is TextBlock => b.type === 'text')
    .map((b) => b.text)
    .join('\n')
    .trim();
}
