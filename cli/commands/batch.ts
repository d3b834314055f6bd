/** `docker-expert batch <tasks.jsonl>`: many tasks in one process, one JSON result line per task, in input order. */
import { createWriteStream } from 'node:fs';
import type { PermissionMode } from '../../permissions/types.js';
import { DEFAULT_BATCH_CONCURRENCY, MAX_BATCH_CONCURRENCY, runBatch, type BatchResult } from '../batch/run-batch.js';
import { DEFAULT_MAX_TASKS_BYTES, finishedIds, readTasksFile, TasksFileError } from '../batch/tasks-file.js';
import type { CliIO } from '../io.js';
import { UsageError } from '../io.js';
import { AGENT_RUN_FLAGS, PERMISSION_MODES, requireCredentials } from '../run-options.js';
import { parseCommandArgs, wholeNumber } from '../args.js';

const HELP = `Usage: docker-expert batch <tasks.jsonl> [options]

Each line of the tasks file is a JSON object: {"id": "...", "task": "...", "cwd": "...", ...}, with any run option
in camelCase (agent, agentsDir, model, maxTurns, maxBudgetUsd, permissionMode, allow, deny, mcpConfig, timeout).
A relative cwd is taken from the tasks file's folder. Results go out as JSON lines in input order.

Options:
  --concurrency N        tasks at once (default ${DEFAULT_BATCH_CONCURRENCY}, at most ${MAX_BATCH_CONCURRENCY})
  --out FILE             append result lines to FILE instead of stdout
  --resume               with --out: skip ids that already have a result in FILE
  --strict-mcp-config      start no MCP server from <cwd>/.mcp.json or the package (as run)
  --agent NAME, --agents-dir DIR, --model M, --max-turns N, --max-budget-usd X,
  --permission-mode M, --allow RULE, --deny RULE, --mcp-config FILE, --timeout SECONDS
                         defaults for every task (a task's own fields win)
  --max-tasks-bytes N    largest tasks file read (default ${DEFAULT_MAX_TASKS_BYTES})
  --trust-project        run the Claude Code hooks of each task's project (.claude/settings*.json, project
                         agents); without it only ~/.claude/settings.json hooks run
Exit: 0 when every task succeeded, 1 when any failed, 2 for a bad tasks file or option.
`;

export async function command(argv: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandArgs({
    args: argv,
    allowPositionals: true,
    options: {
      concurrency: { type: 'string' },
      out: { type: 'string' },
      resume: { type: 'boolean' },
      ...AGENT_RUN_FLAGS,
      'max-tasks-bytes': { type: 'string' },
    },
  }, HELP, io);
  if (!parsed) return 0;
  const v = parsed.values;
  if (parsed.positionals.length !== 1) throw new UsageError(`one tasks file is needed\n\n${HELP}`);
  const concurrency = wholeNumber('--concurrency', v.concurrency, 1, MAX_BATCH_CONCURRENCY) ?? DEFAULT_BATCH_CONCURRENCY;
  if (v.resume && !v.out) throw new UsageError('--resume needs --out FILE (the results it resumes from)');
  const mode = v['permission-mode'];
  if (mode !== undefined && !(PERMISSION_MODES as readonly string[]).includes(mode)) throw new UsageError(`--permission-mode: unknown mode '${mode}'`);

  let tasks;
  try {
    tasks = await readTasksFile(parsed.positionals[0], wholeNumber('--max-tasks-bytes', v['max-tasks-bytes'], 1, Number.MAX_SAFE_INTEGER) ?? DEFAULT_MAX_TASKS_BYTES);
  } catch (err) {
    if (err instanceof TasksFileError) {
      io.stderr.write(`docker-expert batch: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  // A Claude model without a key fails every task: say so before any runs (the task's own model, else --model).
  requireCredentials(v.model, io.env);
  for (const t of tasks) {
    try {
      requireCredentials(t.model, io.env);
    } catch (err) {
      throw new UsageError(`${parsed.positionals[0]}: task ${t.id}: ${(err as Error).message.replace(/^--model/, 'model')}`);
    }
  }
  const done = v.resume && v.out ? await finishedIds(v.out) : new Set<string>();
  const todo = tasks.filter((t) => !done.has(t.id));
  const skipped = tasks.length - todo.length;

  const out = v.out ? await appendStream(v.out) : io.stdout;
  const write = (r: BatchResult) => new Promise<void>((resolve, reject) => out.write(JSON.stringify(r) + '\n', (err) => (err ? reject(err) : resolve())));
  const progress = progressPrinter(io, todo.length, skipped);
  // Each task is a session of its own: journaled, listed by `sessions`, resumable with `run --resume`.
  const { startSession } = await import('../../agent/session/start-session.js');
  const abort = new AbortController();
  const onSigint = () => abort.abort(new Error('interrupted'));
  process.once('SIGINT', onSigint);
  try {
    const summary = await runBatch(todo, {
      concurrency,
      defaults: {
        agent: v.agent,
        agentsDir: v['agents-dir'],
        model: v.model,
        maxTurns: wholeNumber('--max-turns', v['max-turns'], 1, 100_000),
        maxBudgetUsd: v['max-budget-usd'] === undefined ? undefined : positive(v['max-budget-usd'], '--max-budget-usd'),
        permissionMode: mode as PermissionMode | undefined,
        allow: v.allow ?? [],
        deny: v.deny ?? [],
        mcpConfig: v['mcp-config'],
        strictMcpConfig: v['strict-mcp-config'] ?? false,
        timeoutMs: v.timeout === undefined ? undefined : positive(v.timeout, '--timeout') * 1000,
        // Only the operator's flag trusts project hooks in batch (never Claude Code's per-folder record).
        trustProject: v['trust-project'] ?? false,
        recordedTrust: false,
        env: io.env,
      },
      start: startSession,
      onResult: write,
      onProgress: progress.update,
      signal: abort.signal,
    });
    progress.end();
    io.stderr.write(
      `batch: ${summary.succeeded} succeeded, ${summary.failed} failed${skipped ? `, ${skipped} skipped (already in ${v.out})` : ''} in ${(summary.duration_ms / 1000).toFixed(1)} s, $${summary.total_cost_usd.toFixed(4)}\n`,
    );
    return summary.failed > 0 ? 1 : 0;
  } finally {
    process.off('SIGINT', onSigint);
    if (out !== io.stdout) await new Promise<void>((resolve) => (out as NodeJS.WritableStream).end(resolve));
  }
}

/**
 * Appends to FILE. A torn last line (a crash mid-write) is cut off first: its task runs again (finishedIds skipped it),
 * and the file stays one JSON object a line.
 */
async function appendStream(file: string): Promise<NodeJS.WritableStream> {
  const { readFile, truncate } = await import('node:fs/promises');
  try {
    const bytes = await readFile(file);
    if (bytes.length > 0 && bytes[bytes.length - 1] !== 0x0a) await truncate(file, bytes.lastIndexOf(0x0a) + 1);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  return createWriteStream(file, { flags: 'a' });
}

function progressPrinter(io: CliIO, total: number, skipped: number) {
  const tty = Boolean(io.stderr.isTTY);
  if (skipped) io.stderr.write(`batch: ${skipped} task(s) already have results, ${total} to run\n`);
  return {
    update({ done, failed, last }: { done: number; total: number; failed: number; last: BatchResult }) {
      if (tty) {
        const width = 30;
        const filled = Math.round((done / Math.max(total, 1)) * width);
        io.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} done, ${failed} failed `);
      } else {
        io.stderr.write(`batch: ${done}/${total} ${last.id} ${last.subtype} ${(last.duration_ms / 1000).toFixed(1)}s\n`);
      }
    },
    end() {
      if (tty) io.stderr.write('\n');
    },
  };
}

function positive(value: string, flag: string): number {
  const n = Number(value);
  if (!(n > 0)) throw new UsageError(`${flag} takes a positive number`);
  return n;
}
