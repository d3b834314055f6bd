import * as z from 'zod';
import type { Tool, ToolResult } from '../tools/tool.js';
import type { AgentDefinition } from './definition/types.js';
import type { ResultObject } from './events.js';
import type { PermissionDecision, PermissionGate, PermissionRequest } from '../permissions/types.js';

/** How deep Task may nest: a Task call at depth d starts a run at d + 1, refused past this (`--max-task-depth`). */
export const DEFAULT_MAX_TASK_DEPTH = 2;
/** Sub-agents running at once across a whole run tree (`--max-concurrent-tasks`). */
export const DEFAULT_MAX_CONCURRENT_TASKS = 4;
/** Turn limit of a sub-agent whose definition sets none (`--task-max-turns`). */
export const DEFAULT_TASK_MAX_TURNS = 25;

const taskInput = z.object({
  description: z.string().describe('A short (3-5 word) description of the task'),
  prompt: z.string().min(1).describe('The task for the agent to perform, with all the context it needs: it sees nothing of this conversation'),
  subagent_type: z.string().min(1).describe('Which agent to run (one of the agents listed in the description)'),
});
export type TaskInput = z.infer<typeof taskInput>;

/** Starts a sub-agent and returns its result; provided by startRun so the child is composed like any run. */
export type StartChild = (req: {
  definition: AgentDefinition;
  prompt: string;
  gate: PermissionGate;
  depth: number;
  signal: AbortSignal;
  /** The Task call that starts it (its telemetry span is the child run's parent). */
  toolUseId?: string;
}) => Promise<ResultObject>;

export interface TaskToolOptions {
  agents: AgentDefinition[];
  /** The parent's own gate (workflow included): a child can never do what its parent may not. */
  parentGate: () => PermissionGate;
  depth: number;
  maxDepth?: number;
  limiter: Limiter;
  start: StartChild;
  /** Told about each finished sub-agent (its usage and cost also roll up through the tool result). */
  onChildResult?: (result: ResultObject) => void;
}

/** Claude Code's Task tool (also `Agent`): runs another loaded definition as a nested loop in this process. */
export function createTaskTool(options: TaskToolOptions): Tool<TaskInput> {
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_TASK_DEPTH;
  const list = options.agents.map((a) => `- ${a.name}: ${a.description.split('\n')[0]} (Tools: ${a.tools ? a.tools.map((t) => t.raw).join(', ') : '*'})`).join('\n');
  return {
    name: 'Task',
    description: `Launch a sub-agent to handle a self-contained task. It starts with a fresh context (its own prompt and tools), works on its own, and returns one final report, which is this tool's result. It can never do more than you may.\n\nAvailable agents:\n${list}`,
    inputSchema: taskInput,
    // The sub-agent's own calls go through the parent's gate, so launching one changes nothing by itself.
    isReadOnly: () => true,
    isConcurrencySafe: () => true,
    async call(input, ctx): Promise<ToolResult> {
      const definition = options.agents.find((a) => a.name === input.subagent_type);
      if (!definition) return { content: `Unknown subagent_type '${input.subagent_type}'. Available: ${options.agents.map((a) => a.name).join(', ') || 'none'}.`, isError: true };
      if (options.depth + 1 > maxDepth) {
        return { content: `Task refused: sub-agents may nest ${maxDepth} level(s) deep (--max-task-depth) and this run is already at depth ${options.depth}. Do the work yourself.`, isError: true };
      }
      const release = await options.limiter.acquire(ctx.signal);
      try {
        const result = await options.start({ definition, prompt: input.prompt, gate: options.parentGate(), depth: options.depth + 1, signal: ctx.signal, toolUseId: ctx.toolUseId });
        options.onChildResult?.(result);
        const text = result.result || '(the sub-agent returned no text)';
        const spent = { usage: result.usage, costUsd: result.total_cost_usd };
        return result.is_error ? { content: `Sub-agent ${definition.name} failed (${result.subtype}): ${text}`, isError: true, ...spent } : { content: text, ...spent };
      } finally {
        release();
      }
    },
  };
}

/** Both gates must allow: a denial from either wins, then an ask from either. */
export function intersectGates(parent: PermissionGate, own: PermissionGate): PermissionGate {
  return {
    async check(req: PermissionRequest): Promise<PermissionDecision> {
      const mine = await own.check(req);
      if (mine.behavior === 'deny') return mine;
      const theirs = await parent.check(req);
      if (theirs.behavior === 'deny') return { ...theirs, reason: `the parent agent may not do this: ${theirs.reason}` };
      if (mine.behavior === 'ask') return mine;
      return theirs.behavior === 'ask' ? theirs : mine;
    },
  };
}

/** A counting semaphore shared by every Task call of one run tree. */
export class Limiter {
  private active = 0;
  private waiting: (() => void)[] = [];
  constructor(readonly max: number) {}

  async acquire(signal?: AbortSignal): Promise<() => void> {
    while (this.active >= this.max) {
      await new Promise<void>((resolve, reject) => {
        const onAbort = () => {
          this.waiting = this.waiting.filter((w) => w !== wake);
          reject(signal?.reason);
        };
        const wake = () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        };
        this.waiting.push(wake);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    }
    this.active++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active--;
      this.waiting.shift()?.();
    };
  }
}
