/** `docker-expert run [options] <task...>`: one task, non-interactive (like `claude -p`); a thin layer over startRun. */
import { stat } from 'node:fs/promises';
import { DefinitionError } from '../../agent/definition/errors.js';
import { McpConfigError } from '../../agent/mcp/config.js';
import { PermissionConfigError } from '../../permissions/settings.js';
import { SessionError } from '../../agent/session/records.js';
import { startSession, type SessionStartOptions } from '../../agent/session/start-session.js';
import { followHandoffs, type StartedRun } from '../../agent/start.js';
import type { CliIO } from '../io.js';
import { UsageError } from '../io.js';
import { createRenderer } from '../render/index.js';
import { parseRunOptions, requireCredentials, RUN_OPTIONS_HELP, sessionOptionsFrom } from '../run-options.js';
import { readStdinText } from '../stdin.js';

/** Largest task read from stdin. */
export const MAX_STDIN_TASK_BYTES = 1024 * 1024;

export async function command(argv: string[], io: CliIO): Promise<number> {
  const options = parseRunOptions(argv, io.cwd);
  if (options.help) {
    io.stdout.write(`Usage: docker-expert run [options] <task...>\n       docker-expert run [options] -      (the task is read from stdin)\n\n${RUN_OPTIONS_HELP}`);
    return 0;
  }
  // `run -` (or no task on a pipe) reads the task from stdin, as other CLIs read `-`.
  const fromStdin = options.task === '-' || (!options.task && !io.stdin.isTTY);
  const task = fromStdin ? await readStdinText(io.stdin, MAX_STDIN_TASK_BYTES, `the task on stdin is larger than ${MAX_STDIN_TASK_BYTES} bytes`) : options.task;
  if (!task.trim() && !options.resume) throw new UsageError(`a task is required: docker-expert run [options] "<task>"\n\n${RUN_OPTIONS_HELP}`);
  requireCredentials(options.model, io.env);
  const cwdStat = await stat(options.cwd).catch(() => undefined);
  if (!cwdStat?.isDirectory()) throw new UsageError(`--cwd ${options.cwd}: no such directory`);

  const renderer = createRenderer(options.outputFormat, io, options.verbose);
  let run: StartedRun;
  const startOptions = {
    ...sessionOptionsFrom(options, io.env),
    resume: options.resume,
    task: task.trim(),
    onEvent: (e) => renderer.onEvent(e),
    onNotice: (message: string) => io.stderr.write(`docker-expert run: ${message}\n`),
  } satisfies SessionStartOptions;
  try {
    run = await startSession(startOptions);
  } catch (err) {
    // A bad definition, settings or MCP file, or a session that cannot be resumed: exit 2 with the message naming the file (and line).
    if (err instanceof DefinitionError || err instanceof PermissionConfigError || err instanceof McpConfigError || err instanceof SessionError) {
      io.stderr.write(`docker-expert run: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  // Ctrl-C ends the run cleanly (tools get the abort signal) and still prints the result.
  const onInterrupt = () => run.abort('interrupted (SIGINT)');
  process.once('SIGINT', onInterrupt);
  try {
    // --follow-handoffs: each next agent runs as a session of its own; the result carries the chain.
    const result = options.followHandoffs ? await followHandoffs(run, startOptions, (o) => startSession({ ...o, resume: undefined, sessionsDir: options.sessionsDir })) : await run.result;
    return renderer.finish(result);
  } finally {
    process.removeListener('SIGINT', onInterrupt);
  }
}

