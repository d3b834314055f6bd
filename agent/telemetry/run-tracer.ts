/**
 * One run's events as GenAI spans (semantic conventions for agents, model calls and tool calls):
 *
 *   invoke_agent <agent>            the run; workflow steps, notices and hooks are its events
 *   ├── chat <model>                each model call; its retries are events on it
 *   ├── execute_tool <name>         each tool call, from the permission decision to the result
 *   │   └── invoke_agent <child>    a Task sub-agent (its own chat and execute_tool spans below it)
 *   └── ...
 *
 * The loop emits no "request sent" event: a chat span starts at the run's last event before the call (the init,
 * the tool results appended, a workflow step), which is where the loop goes straight on to ask the model.
 */
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Counter, type Histogram, type Meter, type Span, type Tracer } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  ATTR_ERROR_TYPE,
  ATTR_GEN_AI_AGENT_NAME,
  ATTR_GEN_AI_CONVERSATION_ID,
  ATTR_GEN_AI_INPUT_MESSAGES,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_OUTPUT_MESSAGES,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_RESPONSE_FINISH_REASONS,
  ATTR_GEN_AI_RESPONSE_ID,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_GEN_AI_SYSTEM,
  ATTR_GEN_AI_TOKEN_TYPE,
  ATTR_GEN_AI_TOOL_CALL_ARGUMENTS,
  ATTR_GEN_AI_TOOL_CALL_ID,
  ATTR_GEN_AI_TOOL_NAME,
  ATTR_GEN_AI_TOOL_TYPE,
  ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  ATTR_PROCESS_EXIT_CODE,
  METRIC_GEN_AI_CLIENT_OPERATION_DURATION,
  METRIC_GEN_AI_CLIENT_TOKEN_USAGE,
} from '@opentelemetry/semantic-conventions/incubating';
import type { AgentEvent, ResultObject } from '../events.js';
import type { AssistantMessage, Message, Usage } from '../models/types.js';
import type { RunInfo, RunTelemetry, TelemetryParent } from './index.js';

export interface Instruments {
  tokenUsage: Histogram;
  operationDuration: Histogram;
  tokens: Counter;
  cost: Counter;
  runDuration: Histogram;
  toolDuration: Histogram;
  toolErrors: Counter;
  denials: Counter;
  redactions: Counter;
}

export function createInstruments(meter: Meter): Instruments {
  return {
    tokenUsage: meter.createHistogram(METRIC_GEN_AI_CLIENT_TOKEN_USAGE, { unit: '{token}', description: 'Tokens per model call, by type (input, output)' }),
    operationDuration: meter.createHistogram(METRIC_GEN_AI_CLIENT_OPERATION_DURATION, { unit: 's', description: 'Duration of each model call (a turn), retries included' }),
    tokens: meter.createCounter('docker_expert.tokens', { unit: '{token}', description: 'Tokens by model and type (input, output, cache_read, cache_creation)' }),
    cost: meter.createCounter('docker_expert.cost', { unit: 'USD', description: 'Estimated cost by model' }),
    runDuration: meter.createHistogram('docker_expert.run.duration', { unit: 's', description: 'Duration of whole runs, by agent and result subtype' }),
    toolDuration: meter.createHistogram('docker_expert.tool.duration', { unit: 's', description: 'Duration of tool calls, by tool' }),
    toolErrors: meter.createCounter('docker_expert.tool.errors', { unit: '{call}', description: 'Tool calls that returned an error, by tool' }),
    denials: meter.createCounter('docker_expert.permission.denials', { unit: '{call}', description: 'Tool calls refused, by tool and reason' }),
    redactions: meter.createCounter('docker_expert.redactions', { unit: '{secret}', description: 'Secrets replaced in tool results, by tool' }),
  };
}

const propagator = new W3CTraceContextPropagator();

export class RunTracer implements RunTelemetry {
  private readonly root: Span;
  private readonly rootContext: Context;
  private readonly started = performance.now();
  private model = '';
  private provider = 'anthropic';
  /** When the run last did something of its own: the next model call starts there. */
  private boundary = Date.now();
  private chat: { span: Span; started: number; turn: number } | undefined;
  private readonly tools = new Map<string, Span>();
  private lastInput: Message | undefined;

  constructor(
    private readonly tracer: Tracer,
    private readonly metrics: Instruments,
    private readonly info: RunInfo,
    private readonly capture: boolean,
  ) {
    const parent = parentContext(info.parent);
    this.root = tracer.startSpan(
      `invoke_agent ${info.agent}`,
      { kind: SpanKind.INTERNAL, attributes: { [ATTR_GEN_AI_OPERATION_NAME]: 'invoke_agent', [ATTR_GEN_AI_AGENT_NAME]: info.agent } },
      parent,
    );
    this.rootContext = trace.setSpan(parent, this.root);
    if (capture) this.lastInput = { role: 'user', content: [{ type: 'text', text: info.task }] };
  }

  parentFor(toolUseId: string | undefined): TelemetryParent | undefined {
    const span = toolUseId ? this.tools.get(toolUseId) : undefined;
    return { kind: 'span', span: span ?? this.root };
  }

  onEvent(e: AgentEvent): void {
    switch (e.type) {
      case 'init':
        this.model = e.model;
        this.provider = e.model === 'offline' ? 'docker-expert.offline' : 'anthropic';
        this.root.setAttributes({ [ATTR_GEN_AI_CONVERSATION_ID]: e.session_id, [ATTR_GEN_AI_REQUEST_MODEL]: e.model, [ATTR_GEN_AI_PROVIDER_NAME]: this.provider, 'docker_expert.permission_mode': e.permission_mode });
        break;
      case 'text_delta':
        return;
      case 'retry':
        this.openChat().addEvent('retry', defined({ 'docker_expert.retry.attempt': e.attempt, 'docker_expert.retry.kind': e.kind, 'http.response.status_code': e.status, 'docker_expert.retry.delay_ms': e.delay_ms, 'docker_expert.retry.message': e.message }));
        return;
      case 'assistant':
        this.answered(e.turn, e.message);
        return;
      case 'usage':
        this.closeChat(e.usage, e.cost_usd);
        break;
      case 'user':
        if (this.capture) this.lastInput = e.message;
        break;
      case 'permission':
        this.permission(e);
        break;
      case 'tool_start':
        if (this.capture) this.tools.get(e.tool_use_id)?.setAttribute(ATTR_GEN_AI_TOOL_CALL_ARGUMENTS, JSON.stringify(e.input));
        break;
      case 'tool_end':
        this.toolEnded(e);
        break;
      case 'workflow':
        this.root.addEvent('workflow.step', { 'docker_expert.workflow.step': e.step, 'docker_expert.workflow.status': e.status, 'docker_expert.workflow.summary': e.summary });
        break;
      case 'notice':
        // A sub-agent's events come back as notices; its own spans already say what it did.
        if (!/^\[[^\]]+\] /.test(e.message)) this.root.addEvent('notice', { 'docker_expert.notice': e.message });
        break;
      case 'result':
        this.end(e.result);
        return;
      default:
        // Events added later (hooks): an event on the run's span, its plain fields as attributes.
        this.root.addEvent((e as { type: string }).type, plainFields(e));
    }
    this.boundary = Date.now();
  }

  private openChat(): Span {
    if (!this.chat) {
      const span = this.tracer.startSpan(
        `chat ${this.model}`,
        {
          kind: SpanKind.CLIENT,
          startTime: this.boundary,
          attributes: { [ATTR_GEN_AI_OPERATION_NAME]: 'chat', [ATTR_GEN_AI_PROVIDER_NAME]: this.provider, [ATTR_GEN_AI_SYSTEM]: this.provider, [ATTR_GEN_AI_REQUEST_MODEL]: this.model },
        },
        this.rootContext,
      );
      if (this.capture && this.lastInput) span.setAttribute(ATTR_GEN_AI_INPUT_MESSAGES, JSON.stringify([this.lastInput]));
      this.chat = { span, started: this.boundary, turn: 0 };
    }
    return this.chat.span;
  }

  private answered(turn: number, message: AssistantMessage): void {
    const span = this.openChat();
    this.chat!.turn = turn;
    const u = message.usage;
    span.setAttributes({
      [ATTR_GEN_AI_RESPONSE_MODEL]: message.model,
      [ATTR_GEN_AI_RESPONSE_ID]: message.id,
      [ATTR_GEN_AI_RESPONSE_FINISH_REASONS]: [message.stop_reason ?? 'unknown'],
      ...usageAttributes(u),
      'docker_expert.turn': turn,
    });
    if (this.capture) span.setAttribute(ATTR_GEN_AI_OUTPUT_MESSAGES, JSON.stringify([{ role: 'assistant', content: message.content }]));
  }

  private closeChat(usage: Usage, costUsd: number): void {
    if (!this.chat) return;
    const { span, started } = this.chat;
    this.chat = undefined;
    span.setAttribute('docker_expert.cost_usd', costUsd);
    span.end();
    const model = { [ATTR_GEN_AI_OPERATION_NAME]: 'chat', [ATTR_GEN_AI_PROVIDER_NAME]: this.provider, [ATTR_GEN_AI_REQUEST_MODEL]: this.model };
    this.metrics.operationDuration.record((Date.now() - started) / 1000, model);
    this.metrics.tokenUsage.record(usage.input_tokens + usage.cache_read_input_tokens + usage.cache_creation_input_tokens, { ...model, [ATTR_GEN_AI_TOKEN_TYPE]: 'input' });
    this.metrics.tokenUsage.record(usage.output_tokens, { ...model, [ATTR_GEN_AI_TOKEN_TYPE]: 'output' });
    const byModel = { [ATTR_GEN_AI_REQUEST_MODEL]: this.model };
    for (const [type, n] of [['input', usage.input_tokens], ['output', usage.output_tokens], ['cache_read', usage.cache_read_input_tokens], ['cache_creation', usage.cache_creation_input_tokens]] as const) {
      if (n > 0) this.metrics.tokens.add(n, { ...byModel, [ATTR_GEN_AI_TOKEN_TYPE]: type });
    }
    if (costUsd > 0) this.metrics.cost.add(costUsd, byModel);
  }

  private permission(e: Extract<AgentEvent, { type: 'permission' }>): void {
    const span = this.tracer.startSpan(
      `execute_tool ${e.tool_name}`,
      {
        kind: SpanKind.INTERNAL,
        attributes: defined({
          [ATTR_GEN_AI_OPERATION_NAME]: 'execute_tool',
          [ATTR_GEN_AI_TOOL_NAME]: e.tool_name,
          [ATTR_GEN_AI_TOOL_CALL_ID]: e.tool_use_id,
          [ATTR_GEN_AI_TOOL_TYPE]: e.tool_name.startsWith('mcp__') ? 'extension' : 'function',
          'docker_expert.permission.decision': e.behavior,
          'docker_expert.permission.asked': e.asked,
          'docker_expert.permission.rule': e.rule,
          'docker_expert.permission.reason': e.reason,
        }),
      },
      this.rootContext,
    );
    if (e.behavior === 'allow') {
      this.tools.set(e.tool_use_id, span);
      return;
    }
    span.setAttribute(ATTR_ERROR_TYPE, 'permission_denied');
    span.setStatus({ code: SpanStatusCode.ERROR, message: e.reason });
    span.end();
    this.metrics.denials.add(1, { [ATTR_GEN_AI_TOOL_NAME]: e.tool_name, 'docker_expert.permission.reason': denialReason(e) });
  }

  private toolEnded(e: Extract<AgentEvent, { type: 'tool_end' }>): void {
    const span = this.tools.get(e.tool_use_id);
    const attrs = { [ATTR_GEN_AI_TOOL_NAME]: e.name };
    this.metrics.toolDuration.record(e.duration_ms / 1000, attrs);
    if (e.is_error) this.metrics.toolErrors.add(1, attrs);
    if (e.redacted) this.metrics.redactions.add(e.redacted, attrs);
    if (!span) return;
    span.setAttributes(defined({ [ATTR_PROCESS_EXIT_CODE]: e.exit_code, 'docker_expert.tool.truncated': e.truncated, 'docker_expert.tool.redacted': e.redacted }));
    if (e.is_error) {
      span.setAttribute(ATTR_ERROR_TYPE, 'tool_error');
      span.setStatus({ code: SpanStatusCode.ERROR });
    }
    span.end();
    // Kept (ended) for parentFor: a Task's sub-agent may still ask after its own result came back.
  }

  private end(result: ResultObject): void {
    if (this.chat) {
      // A model call that never answered (the last retry failed, the run was stopped).
      this.chat.span.setStatus({ code: SpanStatusCode.ERROR, message: result.result.slice(0, 500) });
      this.chat.span.setAttribute(ATTR_ERROR_TYPE, result.subtype);
      this.chat.span.end();
      this.chat = undefined;
    }
    for (const span of this.tools.values()) if (span.isRecording()) span.end();
    const u = result.usage;
    this.root.setAttributes({
      'docker_expert.result.subtype': result.subtype,
      'docker_expert.turns': result.num_turns,
      'docker_expert.cost_usd': result.total_cost_usd,
      ...usageAttributes(u),
      'docker_expert.permission.denials': result.permission_denials.length,
    });
    if (result.is_error) {
      this.root.setAttribute(ATTR_ERROR_TYPE, result.subtype);
      this.root.setStatus({ code: SpanStatusCode.ERROR, message: result.result.slice(0, 500) });
    }
    this.root.end();
    this.metrics.runDuration.record((performance.now() - this.started) / 1000, { [ATTR_GEN_AI_AGENT_NAME]: this.info.agent, 'docker_expert.result.subtype': result.subtype });
  }
}

/** The semantic conventions count cached input in `gen_ai.usage.input_tokens` (Anthropic's `input_tokens` does not). */
function usageAttributes(u: Usage): Attributes {
  return {
    [ATTR_GEN_AI_USAGE_INPUT_TOKENS]: u.input_tokens + u.cache_read_input_tokens + u.cache_creation_input_tokens,
    [ATTR_GEN_AI_USAGE_OUTPUT_TOKENS]: u.output_tokens,
    [ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS]: u.cache_read_input_tokens,
    [ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS]: u.cache_creation_input_tokens,
  };
}

function parentContext(parent: TelemetryParent | undefined): Context {
  if (!parent) return ROOT_CONTEXT;
  if (parent.kind === 'span') return trace.setSpan(ROOT_CONTEXT, parent.span as Span);
  const carrier: Record<string, string> = { traceparent: parent.headers.traceparent, ...(parent.headers.tracestate ? { tracestate: parent.headers.tracestate } : {}) };
  // A malformed traceparent extracts to nothing: the run starts a trace of its own.
  return propagator.extract(ROOT_CONTEXT, carrier, { get: (c, k) => c[k], keys: (c) => Object.keys(c) });
}

/** A bounded label for the denial counter: the rule that decided, else what kind of refusal it was. */
function denialReason(e: Extract<AgentEvent, { type: 'permission' }>): string {
  if (e.rule) return e.rule;
  if (/non-interactive/.test(e.reason)) return 'needs approval (non-interactive)';
  if (/the user declined|cancelled/.test(e.reason)) return 'declined by the user';
  if (/plan mode/i.test(e.reason)) return 'plan mode';
  if (/step is read-only|workflow/i.test(e.reason)) return 'workflow step';
  return 'other';
}

function defined(attrs: Record<string, string | number | boolean | undefined>): Attributes {
  return Object.fromEntries(Object.entries(attrs).filter(([, v]) => v !== undefined)) as Attributes;
}

function plainFields(e: object): Attributes {
  const out: Attributes = {};
  for (const [k, v] of Object.entries(e)) if (k !== 'type' && ['string', 'number', 'boolean'].includes(typeof v)) out[`docker_expert.${k}`] = v as string | number | boolean;
  return out;
}
