/**
 * Runs one assistant turn's tool calls: validate each input against its tool's schema, ask the permission gate,
 * run what is allowed (concurrency-safe calls together, the others one at a time, in order) and return every
 * result, in call order, in ONE user message.
 */
import * as z from 'zod';
import type { Tool, ToolContext, ToolResult } from '../tools/tool.js';
import { capFor, capToolOutput, type OutputCaps } from './context/output-cap.js';
import type { AgentEvent, PermissionDenial } from './events.js';
import { addUsage, emptyUsage, type Message, type ToolResultBlock, type ToolUseBlock, type Usage } from './models/types.js';
import { CANCELLED_BY_USER, type Approver, type PermissionGate } from '../permissions/types.js';
import { createRedactor, describeCounts, type Redactor } from './redaction/index.js';

export interface ExecutorOptions {
  tools: Map<string, Tool>;
  gate: PermissionGate;
  /** Answers `ask`; without one (non-interactive runs) `ask` is a denial. */
  approver?: Approver;
  toolContext: ToolContext;
  caps: OutputCaps;
  /** Where whole outputs that were cut are saved. */
  outputDir: string;
  /** Every result passes it before anything else sees it (model, journal, events, saved outputs); default: the built-in detectors. */
  redactor?: Redactor;
  emit: (event: AgentEvent) => void;
  /** Claude Code hooks around each call (agent/hooks): PreToolUse before the gate, PostToolUse after the run. */
  toolHooks?: ToolHooks;
  /**
   * Awaited after a call's tool_start is emitted and before the tool runs: a journal kept elsewhere (PostgreSQL)
   * holds the call before it can take effect, so a resume elsewhere never runs it again unknowingly.
   */
  beforeToolCall?: () => Promise<void>;
}

/** What the executor asks the hooks layer. */
export interface ToolHooks {
  /** Before the gate: the input to check and run (a hook may change it), or a refusal, or a question for the user. */
  beforeTool(call: { id: string; name: string; input: unknown }): Promise<{ input: unknown; deny?: string; ask?: string; context?: string }>;
  /** After the run: the result the model gets (a hook may add feedback or context). */
  afterTool(call: { id: string; name: string; input: unknown }, result: ToolResult): Promise<ToolResult>;
}

const BUILTIN_REDACTOR = createRedactor();

export interface BatchOutcome {
  message: Message;
  denials: PermissionDenial[];
  /** A tool asked to end the run (the workflow's accepted Handoff). */
  endsRun: boolean;
  changedFiles: string[];
  /** Usage spent inside the calls (Task sub-agents). */
  nestedUsage: Usage;
  nestedCostUsd: number;
}

interface Prepared {
  call: ToolUseBlock;
  tool?: Tool;
  input?: unknown;
  /** Set when the call is settled without running (bad input, unknown tool, denied). */
  result?: ToolResult;
  safe: boolean;
  /** A PreToolUse hook's additionalContext, added to the result. */
  context?: string;
}

export async function executeToolCalls(calls: ToolUseBlock[], options: ExecutorOptions): Promise<BatchOutcome> {
  const denials: PermissionDenial[] = [];
  const prepared = calls.map((call) => prepare(call, options));
  const results: ToolResult[] = new Array(calls.length);

  for (const group of groups(prepared)) {
    // Permission questions are asked one at a time, in order, even for calls that then run together. Once the run is
    // cancelled (Ctrl-C, --timeout) nothing more is asked or started: the rest of the turn is reported as not run.
    for (const p of group) if (!p.result) p.result = cancelled(options) ?? (await authorize(p, options, denials));
    const run = async (p: Prepared) => {
      const index = prepared.indexOf(p);
      p.result ??= cancelled(options);
      if (p.result) return void (results[index] = p.result);
      results[index] = await runOne(p, options);
    };
    if (group.length > 1) await Promise.all(group.map(run));
    else await run(group[0]);
  }

  const blocks: ToolResultBlock[] = results.map((r, i) => ({
    type: 'tool_result',
    tool_use_id: calls[i].id,
    content: r.content,
    ...(r.isError ? { is_error: true } : {}),
  }));
  return {
    message: { role: 'user', content: blocks },
    denials,
    endsRun: results.some((r) => r.endsRun === true && !r.isError),
    changedFiles: results.flatMap((r) => r.changedFiles ?? []),
    nestedUsage: results.reduce((u, r) => (r.usage ? addUsage(u, r.usage) : u), emptyUsage()),
    nestedCostUsd: results.reduce((c, r) => c + (r.costUsd ?? 0), 0),
  };
}

function prepare(call: ToolUseBlock, options: ExecutorOptions): Prepared {
  const tool = options.tools.get(call.name);
  if (!tool) {
    const known = [...options.tools.keys()].join(', ') || 'none';
    return { call, safe: false, result: { content: `Error: No such tool available: ${call.name}. Available tools: ${known}.`, isError: true } };
  }
  const parsed = tool.inputSchema.safeParse(call.input);
  if (!parsed.success) {
    return { call, tool, safe: false, result: { content: `Error: invalid input for ${call.name}:\n${z.prettifyError(parsed.error)}`, isError: true } };
  }
  let safe = false;
  try {
    safe = tool.isConcurrencySafe(parsed.data);
  } catch {
    safe = false;
  }
  return { call, tool, input: parsed.data, safe };
}

/** Consecutive concurrency-safe calls form one group; every other call is a group of its own. */
function groups(prepared: Prepared[]): Prepared[][] {
  const out: Prepared[][] = [];
  for (const p of prepared) {
    const last = out[out.length - 1];
    if (p.safe && last && last[0].safe) last.push(p);
    else out.push([p]);
  }
  return out;
}

function cancelled(options: ExecutorOptions): ToolResult | undefined {
  const signal = options.toolContext.signal;
  if (!signal.aborted) return undefined;
  const why = signal.reason instanceof Error ? signal.reason.message : typeof signal.reason === 'string' ? signal.reason : 'the run was cancelled';
  return { content: `Not run: ${why}.`, isError: true };
}

async function authorize(p: Prepared, options: ExecutorOptions, denials: PermissionDenial[]): Promise<ToolResult | undefined> {
  const tool = p.tool as Tool;
  const hooked = options.toolHooks && (await beforeToolHooks(p, options, denials));
  if (hooked) return hooked;
  let readOnly = false;
  try {
    await tool.ready?.();
    readOnly = tool.isReadOnly(p.input);
  } catch {
    readOnly = false;
  }
  const request = { toolName: tool.name, toolUseId: p.call.id, input: p.input, readOnly };
  let decision;
  try {
    decision = await options.gate.check(request);
  } catch (err) {
    decision = { behavior: 'deny' as const, reason: `the permission check failed: ${(err as Error).message}` };
  }
  let behavior: 'allow' | 'deny' = decision.behavior === 'allow' ? 'allow' : 'deny';
  let reason = decision.reason;
  const asked = decision.behavior === 'ask';
  if (asked) {
    if (options.approver) {
      const answer = await options.approver(request, decision).catch(() => 'deny' as const);
      behavior = answer === 'deny' || answer === 'cancel' ? 'deny' : 'allow';
      reason = behavior === 'allow' ? `approved by the user (${decision.reason})` : `${answer === 'cancel' ? CANCELLED_BY_USER : 'the user declined'} (${decision.reason})`;
    } else {
      reason = `${decision.reason}; this needs approval and the run is non-interactive (allow it with --allow or --permission-mode)`;
    }
  }
  options.emit({ type: 'permission', tool_use_id: p.call.id, tool_name: tool.name, behavior, asked, reason, ...(decision.rule ? { rule: decision.rule } : {}) });
  if (behavior === 'allow') return undefined;
  denials.push({ tool_name: tool.name, tool_use_id: p.call.id, tool_input: p.call.input, reason });
  return { content: `Permission denied: ${reason}`, isError: true };
}

/** PreToolUse runs before the gate; an updatedInput is validated again and then goes to the gate like any input. */
async function beforeToolHooks(p: Prepared, options: ExecutorOptions, denials: PermissionDenial[]): Promise<ToolResult | undefined> {
  const tool = p.tool as Tool;
  const refuse = (reason: string): ToolResult => {
    options.emit({ type: 'permission', tool_use_id: p.call.id, tool_name: tool.name, behavior: 'deny', asked: false, reason });
    denials.push({ tool_name: tool.name, tool_use_id: p.call.id, tool_input: p.call.input, reason });
    return { content: reason, isError: true };
  };
  const verdict = await (options.toolHooks as ToolHooks).beforeTool({ id: p.call.id, name: tool.name, input: p.input });
  if (verdict.deny !== undefined) return refuse(verdict.deny);
  if (verdict.input !== p.input) {
    const parsed = tool.inputSchema.safeParse(verdict.input);
    if (!parsed.success) return refuse(`A PreToolUse hook changed the input of ${tool.name} into one that is not valid:\n${z.prettifyError(parsed.error)}`);
    p.input = parsed.data;
  }
  p.context = verdict.context;
  if (verdict.ask === undefined) return undefined;
  const question = { behavior: 'ask' as const, reason: verdict.ask };
  const answer = options.approver
    ? await options.approver({ toolName: tool.name, toolUseId: p.call.id, input: p.input, readOnly: false }, question).catch(() => 'deny' as const)
    : undefined;
  if (answer === 'allow' || answer === 'always') return undefined;
  if (answer === undefined) return refuse(`Permission denied: ${verdict.ask}; this needs approval and the run is non-interactive`);
  return refuse(`Permission denied: ${answer === 'cancel' ? CANCELLED_BY_USER : 'the user declined'} (${verdict.ask})`);
}

async function runOne(p: Prepared, options: ExecutorOptions): Promise<ToolResult> {
  const tool = p.tool as Tool;
  options.emit({ type: 'tool_start', tool_use_id: p.call.id, name: tool.name, input: p.input });
  // hrtime, not performance.now(): the first touch of the `performance` global loads perf_hooks (~5 ms of CPU).
  const started = process.hrtime.bigint();
  let result: ToolResult;
  try {
    await options.beforeToolCall?.();
    result = await tool.call(p.input, { ...options.toolContext, toolUseId: p.call.id });
  } catch (err) {
    result = { content: `Error: ${(err as Error)?.message ?? String(err)}`, isError: true };
  }
  // The one point where a tool's output is redacted: before the cap (whose saved copy is then clean too) and any event.
  const redacted = (options.redactor ?? BUILTIN_REDACTOR).redact(result.content);
  if (redacted.total > 0) options.emit({ type: 'notice', message: `redacted ${describeCounts(redacted)} from the ${tool.name} result` });
  const capped = await capToolOutput(redacted.text, capFor(tool.name, options.caps), options.outputDir, p.call.id);
  const duration = Math.round(Number(process.hrtime.bigint() - started) / 1e6);
  options.emit({
    type: 'tool_end',
    tool_use_id: p.call.id,
    name: tool.name,
    duration_ms: duration,
    is_error: result.isError === true,
    truncated: capped.truncated,
    ...(redacted.total > 0 ? { redacted: redacted.total } : {}),
    ...(result.exitCode !== undefined ? { exit_code: result.exitCode } : {}),
  });
  const final = { ...result, content: p.context ? `${capped.content}\n\n${p.context}` : capped.content };
  return options.toolHooks ? options.toolHooks.afterTool({ id: p.call.id, name: tool.name, input: p.input }, final) : final;
}
