import type { CliIO } from '../io.js';
import { readFdTextSync, readStdinText } from '../stdin.js';

const HELP = `Usage: docker-expert hook pre-tool-use|post-tool-use [options]

Claude Code command hooks: Claude Code's hook JSON on stdin, its hook answer on stdout.
  pre-tool-use    a call inside an agent docker-expert has a definition for (agent_type) goes through that
                  definition's permission gate: a refusal is "deny" with the reason, a Bash command the firewall
                  wants a person for is "ask", anything else is left to Claude Code's own permissions. Other calls
                  (the main thread) get the container firewall for docker/podman/kubectl/compose commands only.
  post-tool-use   after Write/Edit/MultiEdit of a Dockerfile, Compose file or Kubernetes manifest, runs \`check\` on it
                  and returns the findings as additionalContext for the model's next turn.
A broken input, a bad option or an internal error never lets a call through: exit 2 with the reason on stderr
(Claude Code then blocks the call). Set up with \`docker-expert init claude\` or the plugin in claude-plugin/.

Options:
  --allow-safe                 pre-tool-use: answer "allow" for Bash commands the firewall allows (default: leave
                               them to Claude Code's permissions)
  --main-thread containers|off pre-tool-use: what calls outside a known agent get (default containers)
  --agents-dir DIR             searched for definitions before <cwd>/.claude/agents and the package's own
  --max-input-bytes N          largest hook input accepted (default ${16 * 1024 * 1024}); a larger one is refused
  --no-shellcheck              post-tool-use: do not run ShellCheck on RUN scripts
`;

export const DEFAULT_MAX_INPUT_BYTES = 16 * 1024 * 1024;
const EVENTS = ['pre-tool-use', 'post-tool-use'] as const;

/**
 * What the hook command uses of a CLI's streams: `docker-expert hook` (cli/hook-main.ts) writes with plain writes and
 * reads stdin from its descriptor (`stdinFd`), so the process never makes Node's stream objects (node:net for pipes);
 * `stdin` is touched only when that read cannot finish. The main CLI passes its CliIO.
 */
export interface HookIO {
  stdout: Pick<CliIO['stdout'], 'write'>;
  stderr: Pick<CliIO['stderr'], 'write'>;
  readonly stdin: CliIO['stdin'];
  stdinFd?: number;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** Exit 2 with the reason on stderr: Claude Code blocks the tool call (PreToolUse) or shows the reason to the model. */
function refuse(io: HookIO, reason: string): number {
  io.stderr.write(`docker-expert hook: ${reason}\n`);
  return 2;
}

const OPTIONS = { 'allow-safe': 'boolean', 'main-thread': 'string', 'agents-dir': 'string', 'max-input-bytes': 'string', 'no-shellcheck': 'boolean', help: 'boolean' } as const;
type HookOptions = { -readonly [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K] extends 'boolean' ? boolean : string };

/**
 * The hook's options, read as node:util's parseArgs reads them (strict, positionals allowed, `--name=value`, `-h`,
 * `--`), by hand: on Node 24 importing node:util makes process.stderr (its colour check), which loads node:net for
 * Claude Code's pipe. Throws with parseArgs's message for an unknown option or a missing or unwanted value.
 */
export function parseHookArgs(argv: string[]): { values: HookOptions; positionals: string[] } {
  const values: HookOptions = {};
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-h') values.help = true;
    else if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = arg.slice(2, eq < 0 ? undefined : eq);
      const type = Object.hasOwn(OPTIONS, name) ? OPTIONS[name as keyof typeof OPTIONS] : undefined;
      if (!type) throw new Error(`Unknown option '--${name}'`);
      if (type === 'boolean') {
        if (eq >= 0) throw new Error(`Option '--${name}' does not take an argument`);
        (values as Record<string, unknown>)[name] = true;
      } else if (eq >= 0) (values as Record<string, unknown>)[name] = arg.slice(eq + 1);
      else {
        const value = argv[i + 1];
        if (value === undefined) throw new Error(`Option '--${name} <value>' argument missing`);
        if (value.length > 1 && value.startsWith('-')) throw new Error(`Option '--${name}' argument is ambiguous: give it as --${name}=${value}`);
        (values as Record<string, unknown>)[name] = value;
        i++;
      }
    } else if (arg.startsWith('-') && arg !== '-') throw new Error(`Unknown option '${arg}'`);
    else positionals.push(arg);
  }
  return { values, positionals };
}

export async function command(argv: string[], io: HookIO): Promise<number> {
  let parsed;
  try {
    parsed = parseHookArgs(argv);
  } catch (err) {
    return refuse(io, (err as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const event = positionals[0];
  if (positionals.length !== 1 || !(EVENTS as readonly string[]).includes(event)) return refuse(io, `give one event: ${EVENTS.join(' or ')} (got ${positionals.join(' ') || 'none'})`);
  const mainThread = values['main-thread'] ?? 'containers';
  if (mainThread !== 'containers' && mainThread !== 'off') return refuse(io, `--main-thread must be containers or off, not '${mainThread}'`);
  let maxBytes = DEFAULT_MAX_INPUT_BYTES;
  if (values['max-input-bytes'] !== undefined) {
    maxBytes = Number(values['max-input-bytes']);
    if (!Number.isInteger(maxBytes) || maxBytes <= 0) return refuse(io, `--max-input-bytes takes a positive whole number, not '${values['max-input-bytes']}'`);
  }

  try {
    const tooLarge = `the hook input is larger than ${maxBytes} bytes (--max-input-bytes)`;
    const read = io.stdinFd === undefined ? { rest: [] } : readFdTextSync(io.stdinFd, maxBytes, tooLarge);
    const text = 'text' in read ? read.text : await readStdinText(io.stdin, maxBytes, tooLarge, read.rest);
    const { parseHookInput, PreToolUseInput, PostToolUseInput } = await import('../claude-hook/input.js');
    let out: string | undefined;
    if (event === 'pre-tool-use') {
      const { decidePreToolUse, preToolUseOutput } = await import('../claude-hook/pre-tool-use.js');
      const input = parseHookInput(PreToolUseInput, text);
      out = preToolUseOutput(await decidePreToolUse(input, { allowSafe: values['allow-safe'] === true, mainThread, agentsDir: values['agents-dir'] }));
    } else {
      const { decidePostToolUse, postToolUseOutput } = await import('../claude-hook/post-tool-use.js');
      const input = parseHookInput(PostToolUseInput, text);
      out = postToolUseOutput(await decidePostToolUse(input, { shellcheck: values['no-shellcheck'] ? false : undefined, env: io.env }));
    }
    if (out !== undefined) io.stdout.write(`${out}\n`);
    return 0;
  } catch (err) {
    // Deny by default: whatever went wrong, the call is not let through.
    return refuse(io, `${event === 'pre-tool-use' ? 'the call is blocked because the check could not finish' : 'the written file could not be checked'}: ${(err as Error).message}`);
  }
}
