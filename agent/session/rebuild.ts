/**
 * Rebuilds a session's conversation from its journal records: the messages in order, the task being worked on, the
 * cost so far, and the tool calls of a turn that was cut short (journaled tool_use, no result).
 */
import type { ResultObject } from '../events.js';
import type { ContentBlock, Message, ToolResultBlock, ToolUseBlock } from '../models/types.js';
import type { StampedRecord } from './records.js';

export interface RebuiltSession {
  id?: string;
  agent?: string;
  cwd?: string;
  created?: string;
  messages: Message[];
  /** The first task and the latest one. */
  firstTask?: string;
  lastTask?: string;
  /** Index in `messages` of the message holding the latest task's text. */
  taskStart: number;
  /** The result of the last run, unless a task came after it. */
  lastResult?: ResultObject;
  model?: string;
  costUsd: number;
  /** Runs journaled (one per `init`). */
  runs: number;
  /** The calls of a last assistant turn that has no results yet, and how far each got. */
  unanswered: { call: ToolUseBlock; progress: 'not_started' | 'running' | 'finished'; isError: boolean }[];
}

export function rebuildSession(records: StampedRecord[]): RebuiltSession {
  const s: RebuiltSession = { messages: [], taskStart: 0, costUsd: 0, runs: 0, unanswered: [] };
  let runCost = 0;
  /** The tool calls of the last message while it is an assistant message (none once anything follows it). */
  let lastCalls: ToolUseBlock[] = [];
  const started = new Set<string>();
  const ended = new Map<string, boolean>();
  for (const r of records) {
    switch (r.type) {
      case 'session':
        s.id = r.id;
        s.agent = r.agent;
        s.cwd = r.cwd;
        s.created = r.created;
        break;
      case 'task':
        s.taskStart = appendUserText(s.messages, r.text);
        s.firstTask ??= r.text;
        s.lastTask = r.text;
        s.lastResult = undefined;
        lastCalls = [];
        break;
      case 'init':
        s.costUsd += runCost;
        runCost = 0;
        s.runs++;
        s.model = r.model;
        s.agent ??= r.agent;
        break;
      case 'assistant': {
        const content = clean(r.message.content);
        s.messages.push({ role: 'assistant', content });
        lastCalls = content.filter((b): b is ToolUseBlock => b.type === 'tool_use');
        started.clear();
        ended.clear();
        break;
      }
      case 'user':
        s.messages.push({ role: 'user', content: typeof r.message.content === 'string' ? r.message.content : clean(r.message.content) });
        lastCalls = [];
        break;
      case 'tool_start':
        started.add(r.tool_use_id);
        break;
      case 'tool_end':
        ended.set(r.tool_use_id, r.is_error);
        break;
      case 'usage':
        runCost = Math.max(runCost, r.total_cost_usd);
        break;
      case 'result':
        runCost = Math.max(runCost, r.result.total_cost_usd);
        s.lastResult = r.result;
        break;
    }
  }
  s.costUsd += runCost;
  for (const call of lastCalls) {
    const progress = ended.has(call.id) ? 'finished' : started.has(call.id) ? 'running' : 'not_started';
    s.unanswered.push({ call, progress, isError: ended.get(call.id) === true });
  }
  return s;
}

/**
 * Adds a user's text as the next user message, or to the last message when that is already a user message (tool results
 * first, then the text: the API merges consecutive user turns anyway). Returns the index of the message holding it.
 */
export function appendUserText(messages: Message[], text: string): number {
  const last = messages.at(-1);
  if (last?.role === 'user') {
    const content: ContentBlock[] = typeof last.content === 'string' ? [{ type: 'text', text: last.content }] : [...last.content];
    content.push({ type: 'text', text });
    messages[messages.length - 1] = { role: 'user', content };
  } else {
    messages.push({ role: 'user', content: [{ type: 'text', text }] });
  }
  return messages.length - 1;
}

/** Results for the calls of a turn that was cut short; none of them is run again. */
export function interruptedResults(unanswered: RebuiltSession['unanswered']): Message {
  return {
    role: 'user',
    content: unanswered.map(({ call, progress, isError }): ToolResultBlock => ({
      type: 'tool_result',
      tool_use_id: call.id,
      is_error: true,
      content:
        progress === 'running'
          ? `Interrupted: the session stopped (a crash or a kill) while this ${call.name} call was running. It may or may not have taken effect; check the current state before running it again.`
          : progress === 'finished'
            ? `Interrupted: this ${call.name} call ran to the end (${isError ? 'it failed' : 'it succeeded'}) just before the session stopped, but its output was not saved. It was not run again; repeat it only if you need its output and it is safe to run twice.`
            : `Not run: the session stopped before this ${call.name} call started. Send it again if it is still needed.`,
    })),
  };
}

/** Journaled messages may carry the cache breakpoints of the request they were in; a new request sets its own. */
function clean(content: ContentBlock[]): ContentBlock[] {
  return content.map((b) => {
    const { cache_control: _dropped, ...rest } = b as ContentBlock & { cache_control?: unknown };
    return rest as ContentBlock;
  });
}
