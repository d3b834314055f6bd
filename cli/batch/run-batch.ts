import type { ResultObject } from '../../agent/events.js';
import type { StartOptions } from '../../agent/start.js';
import type { BatchTask } from './tasks-file.js';

/** Tasks run at once in one process (`--concurrency`). */
export const DEFAULT_BATCH_CONCURRENCY = 4;
export const MAX_BATCH_CONCURRENCY = 64;

export type BatchResult = ResultObject & { id: string };

export interface BatchSummary {
  total: number;
  skipped: number;
  succeeded: number;
  failed: number;
  duration_ms: number;
  total_cost_usd: number;
}

export interface BatchRunOptions {
  concurrency: number;
  /** Options every task starts with; a task's own fields override them. */
  defaults: Omit<StartOptions, 'agent' | 'task' | 'cwd'> & { agent?: string };
  /** Called with each result in input order, as soon as all before it are done (results are streamed, not held). */
  onResult(result: BatchResult): void | Promise<void>;
  onProgress?(p: { done: number; total: number; failed: number; last: BatchResult }): void;
  /** Starts one run; tests and the CLI pass startRun. */
  start(options: StartOptions): Promise<{ result: Promise<ResultObject> }>;
  signal?: AbortSignal;
}

/** Runs tasks with bounded concurrency; one task's failure never stops the others. */
export async function runBatch(tasks: BatchTask[], options: BatchRunOptions): Promise<BatchSummary> {
  const started = Date.now();
  const results: (BatchResult | undefined)[] = new Array(tasks.length);
  let next = 0;
  let flushed = 0;
  let done = 0;
  let failed = 0;
  let cost = 0;
  let flushing = Promise.resolve();

  const flush = () => {
    flushing = flushing.then(async () => {
      while (flushed < tasks.length && results[flushed]) await options.onResult(results[flushed++]!);
    });
    return flushing;
  };

  const worker = async () => {
    for (;;) {
      if (options.signal?.aborted) return;
      const index = next++;
      if (index >= tasks.length) return;
      const result = await runOne(tasks[index], options);
      results[index] = result;
      done++;
      if (result.is_error) failed++;
      cost += result.total_cost_usd ?? 0;
      options.onProgress?.({ done, total: tasks.length, failed, last: result });
      await flush();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, tasks.length)) }, worker));
  await flush();
  return { total: tasks.length, skipped: 0, succeeded: done - failed, failed, duration_ms: Date.now() - started, total_cost_usd: cost };
}

async function runOne(task: BatchTask, options: BatchRunOptions): Promise<BatchResult> {
  const t0 = Date.now();
  try {
    const run = await options.start({
      ...options.defaults,
      agent: task.agent ?? options.defaults.agent ?? 'docker-expert',
      task: task.task,
      cwd: task.cwd!,
      ...(task.agentsDir !== undefined && { agentsDir: task.agentsDir }),
      ...(task.model !== undefined && { model: task.model }),
      ...(task.maxTurns !== undefined && { maxTurns: task.maxTurns }),
      ...(task.maxBudgetUsd !== undefined && { maxBudgetUsd: task.maxBudgetUsd }),
      ...(task.permissionMode !== undefined && { permissionMode: task.permissionMode }),
      ...(task.allow !== undefined && { allow: [...(options.defaults.allow ?? []), ...task.allow] }),
      ...(task.deny !== undefined && { deny: [...(options.defaults.deny ?? []), ...task.deny] }),
      ...(task.mcpConfig !== undefined && { mcpConfig: task.mcpConfig }),
      ...(task.timeout !== undefined && { timeoutMs: task.timeout * 1000 }),
      signal: options.signal,
    });
    return { id: task.id, ...(await run.result) };
  } catch (err) {
    return {
      id: task.id,
      type: 'result',
      subtype: 'error_during_execution',
      is_error: true,
      result: `task '${task.id}' (line ${task.line}) could not start: ${(err as Error).message}`,
      session_id: '',
      num_turns: 0,
      duration_ms: Date.now() - t0,
      model: task.model ?? options.defaults.model ?? '',
      usage: { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
      total_cost_usd: 0,
      permission_denials: [],
      workflow: [],
      handoff: null,
      stop_reason: null,
    } as BatchResult;
  }
}
