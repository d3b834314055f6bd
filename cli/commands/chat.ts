/** `docker-expert chat [options] [first message...]`: an interactive conversation in the terminal. */
import { stat } from 'node:fs/promises';
import { DefinitionError } from '../../agent/definition/errors.js';
import { findAgent } from '../../agent/definition/load.js';
import { runChat } from '../chat/repl.js';
import type { CliIO } from '../io.js';
import { UsageError } from '../io.js';
import { parseRunOptions, RUN_OPTIONS_HELP, requireCredentials, sessionOptionsFrom } from '../run-options.js';

const HELP = `Usage: docker-expert chat [options] [first message...]

Type a message, the agent works on it, and the conversation goes on with the next one. Tool calls that need
approval ask: y (this once), n (no), a (always: for this session, and saved to .claude/settings.local.json).
Ctrl-C cancels the turn in progress; /cost, /steps, /resume ID and /exit are commands. A task that ended
with a handoff is done: the next message starts a new workflow; before that, a message continues it.

${RUN_OPTIONS_HELP}`;

export async function command(argv: string[], io: CliIO): Promise<number> {
  const options = parseRunOptions(argv, io.cwd);
  if (options.help) {
    io.stdout.write(HELP);
    return 0;
  }
  requireCredentials(options.model, io.env);
  const cwdStat = await stat(options.cwd).catch(() => undefined);
  if (!cwdStat?.isDirectory()) throw new UsageError(`--cwd ${options.cwd}: no such directory`);
  try {
    await findAgent(options.agent, { cwd: options.cwd, agentsDir: options.agentsDir });
  } catch (err) {
    if (err instanceof DefinitionError) {
      io.stderr.write(`docker-expert chat: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  return runChat({
    io,
    firstMessage: options.task || undefined,
    resume: options.resume,
    base: sessionOptionsFrom(options, io.env),
  });
}
