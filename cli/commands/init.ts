import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { packageRoot } from '../../agent/package-root.js';
import { claudeHooks, mergeClaudeHooks, SettingsFileError, shellWord } from '../claude-hook/settings.js';
import type { CliIO } from '../io.js';
import { UsageError } from '../io.js';
import { parseCommandArgs } from '../args.js';

const HELP = `Usage: docker-expert init claude [--project|--user] [options]

Writes docker-expert's Claude Code hooks into a settings.json (merged: other settings and hooks are kept; running it
again changes nothing): PreToolUse runs the permission gate on every tool call, PostToolUse checks written
Dockerfiles, Compose files and manifests. A settings file that is not valid JSON is left untouched (exit 2, file:line).

Options:
  --project              <cwd>/.claude/settings.json (the default)
  --user                 the user's settings ($CLAUDE_CONFIG_DIR/settings.json, else ~/.claude/settings.json)
  --allow-safe           the hook answers "allow" for Bash commands the firewall allows
  --main-thread containers|off
                         what calls outside a known agent get (default containers)
  --hook-command CMD     how the hooks start docker-expert (default: this Node and this package's bin, as absolute
                         paths; e.g. --hook-command docker-expert for a settings file shared across machines)
  --cwd DIR              the project (default: the current folder)
`;

export async function command(argv: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandArgs({
    args: argv,
    allowPositionals: true,
    options: {
      project: { type: 'boolean' },
      user: { type: 'boolean' },
      'allow-safe': { type: 'boolean' },
      'main-thread': { type: 'string' },
      'hook-command': { type: 'string' },
      cwd: { type: 'string' },
    },
  }, HELP, io);
  if (!parsed) return 0;
  const { values, positionals } = parsed;
  if (positionals.length !== 1 || positionals[0] !== 'claude') throw new UsageError(`give what to set up: init claude (got ${positionals.join(' ') || 'nothing'})`);
  if (values.project && values.user) throw new UsageError('--project and --user cannot be combined');
  const mainThread = values['main-thread'];
  if (mainThread !== undefined && mainThread !== 'containers' && mainThread !== 'off') throw new UsageError(`--main-thread must be containers or off, not '${mainThread}'`);
  const cwd = path.resolve(io.cwd, values.cwd ?? '.');
  const configDir = io.env.CLAUDE_CONFIG_DIR || path.join(io.env.HOME || homedir(), '.claude');
  const file = values.user ? path.join(configDir, 'settings.json') : path.join(cwd, '.claude', 'settings.json');
  const prefix = values['hook-command'] ?? [process.execPath, path.join(packageRoot(), 'bin', 'docker-expert.js')].map(shellWord).join(' ');
  const preArgs = [...(values['allow-safe'] ? ['--allow-safe'] : []), ...(mainThread ? ['--main-thread', mainThread] : [])];
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    const { changed } = mergeClaudeHooks(file, claudeHooks(prefix, preArgs));
    io.stdout.write(changed ? `docker-expert: wrote the PreToolUse and PostToolUse hooks into ${file}\n` : `docker-expert: ${file} already has these hooks; nothing changed\n`);
    return 0;
  } catch (err) {
    if (err instanceof SettingsFileError) {
      io.stderr.write(`docker-expert init: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}
