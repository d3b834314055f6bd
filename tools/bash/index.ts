import { homedir } from 'node:os';
import * as z from 'zod';
import type { Tool, ToolContext, ToolResult } from '../tool.js';
import type { PlanLimits } from '../../shell/limits.js';
import { loadBashParser, loadedBashParser } from '../../shell/parser.js';
import type { CommandPlan } from '../../shell/plan.js';
import { DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_MS, runPlan } from './runner.js';

export { DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_MS, MAX_CAPTURE_CHARS, KILL_GRACE_MS } from './runner.js';
export { MAX_COMMAND_CHARS, MAX_SUBCOMMANDS } from '../../shell/limits.js';
export { loadBashParser } from '../../shell/parser.js';

/** The planner and the container checks (about 110 KB): loaded with the grammar by the first Bash call, not at start-up. */
type Checks = typeof import('../../shell/plan.js') & typeof import('../../permissions/container/index.js') & typeof import('../../permissions/programs.js');
let checksLoading: Promise<Checks> | undefined;
let checks: Checks | undefined;
function loadChecks(): Promise<Checks> {
  return (checksLoading ??= Promise.all([import('../../shell/plan.js'), import('../../permissions/container/index.js'), import('../../permissions/programs.js')]).then(
    ([plan, container, programs]) => (checks = { ...plan, ...container, ...programs }),
  ));
}

/** Variables never passed to commands: the runtime's own credentials (`docker run -e ANTHROPIC_API_KEY` must get nothing). */
export const SCRUBBED_ENV = /^(ANTHROPIC_|CLAUDE_CODE_)/;

export interface BashToolOptions {
  /** Environment the commands get (default: this process's). Tests point PATH at shims. */
  env?: NodeJS.ProcessEnv;
  /** `$HOME` and `~` (default: the user's home folder). */
  home?: string;
  /** Default timeout when the call gives none. */
  defaultTimeoutMs?: number;
  /** Largest timeout a call may ask for. */
  maxTimeoutMs?: number;
  /** After SIGTERM on timeout, the wait before SIGKILL. */
  killGraceMs?: number;
  /** Project root `isReadOnly` classifies against (it gets no context); default the current folder. */
  cwd?: string;
  /** Longest command and most subcommands (defaults MAX_COMMAND_CHARS, MAX_SUBCOMMANDS). */
  limits?: PlanLimits;
  /** Output characters kept in memory (default MAX_CAPTURE_CHARS). */
  maxCaptureChars?: number;
}

export interface BashInput {
  command: string;
  timeout?: number;
  description?: string;
  run_in_background?: boolean;
}

const DESCRIPTION = `Runs a command without a shell: the command is parsed (bash syntax) and every program in it is checked by the
permission firewall before anything runs. Pipelines (|, |&), sequences (;, &&, ||), quoting, $PWD/$HOME, here-documents with a
quoted delimiter, and redirections to /dev/null, 2>&1 or files in the project work. Command substitution, subshells, loops,
functions, globbing, other variables, wrappers (sh -c, env, xargs, timeout, sudo...) and background jobs are refused.
docker/podman/kubectl calls are classified by subcommand and flags: looking is allowed, changing the world asks, host escapes
(--privileged, host namespaces, bind mounts outside the project, socket mounts, other daemons) are denied.
Output is stdout and stderr interleaved. Timeout in milliseconds: default ${DEFAULT_TIMEOUT_MS}, at most ${MAX_TIMEOUT_MS}.`;

/** One schema per timeout limit, so its JSON schema (agent/toolset.ts, cached per schema) is made once per process, not per run. */
const bashSchemas = new Map<number, z.ZodType<BashInput>>();

function bashInputSchema(maxTimeout: number): z.ZodType<BashInput> {
  let schema = bashSchemas.get(maxTimeout);
  if (!schema) {
    schema = z
      .object({
        command: z.string().describe('The command to execute'),
        timeout: z.number().int().positive().max(maxTimeout).optional().describe(`Optional timeout in milliseconds (max ${maxTimeout})`),
        description: z.string().optional().describe('Clear, concise description of what this command does in 5-10 words'),
        run_in_background: z.boolean().optional().describe('Not supported: commands run in the foreground with a timeout'),
      })
      .strict();
    bashSchemas.set(maxTimeout, schema);
  }
  return schema;
}

/** The Bash tool (Claude Code's name and parameters). */
export function bashTool(options: BashToolOptions = {}): Tool<BashInput> {
  const maxTimeout = options.maxTimeoutMs ?? MAX_TIMEOUT_MS;
  const home = options.home ?? homedir();
  // The grammar (a wasm module) loads on the first Bash call, not at start-up: a run that never calls Bash never pays.
  const inputSchema = bashInputSchema(maxTimeout);
  const isReadOnly = (input: BashInput): boolean => {
    const parser = loadedBashParser();
    if (!parser || !checks) return false;
    const cwd = options.cwd ?? process.cwd();
    const planned = checks.planCommand(parser, input.command, { PWD: cwd, HOME: home }, options.limits);
    return planned.ok && planIsReadOnly(planned.plan, cwd, home);
  };
  return {
    name: 'Bash',
    description: DESCRIPTION,
    inputSchema,
    isReadOnly,
    isConcurrencySafe: isReadOnly,
    ready: async () => {
      await Promise.all([loadBashParser(), loadChecks()]);
    },
    async call(input, ctx: ToolContext): Promise<ToolResult> {
      if (input.run_in_background) return { content: 'run_in_background is not supported; run the command in the foreground.', isError: true };
      const [parser, { planCommand }] = await Promise.all([loadBashParser(), loadChecks()]);
      const planned = planCommand(parser, input.command, { PWD: ctx.cwd, HOME: home }, options.limits);
      if (!planned.ok) return { content: `Refused: ${planned.reason}. Nothing was run.`, isError: true };
      const byPath = planned.plan.steps.flatMap((s) => s.pipeline.stages).find((c) => c.argv[0].includes('/'));
      if (byPath) return { content: `Refused: '${byPath.argv[0]}' is given by path. Nothing was run.`, isError: true };
      const timeoutMs = Math.min(input.timeout ?? options.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS, maxTimeout);
      const result = await runPlan(planned.plan, {
        cwd: ctx.cwd,
        env: scrubbed(options.env ?? process.env),
        timeoutMs,
        signal: ctx.signal,
        killGraceMs: options.killGraceMs,
        maxCaptureChars: options.maxCaptureChars,
      });
      let content = result.output;
      if (result.droppedChars > 0) content += `\n[${result.droppedChars} more characters of output were dropped]`;
      if (result.timedOut) content += `\n[timed out after ${timeoutMs} ms; the command's process groups were killed]`;
      else if (result.aborted) content += '\n[interrupted; the command\'s process groups were killed]';
      else if (result.exitCode !== 0) content += `\n[exit code ${result.exitCode}]`;
      return { content: content === '' ? '(no output)' : content, isError: result.timedOut || result.aborted || result.exitCode !== 0, exitCode: result.exitCode };
    },
  };
}

function scrubbed(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([k]) => !SCRUBBED_ENV.test(k)));
}

/** Read-only by the firewall's classification: container reads and stdin filters, with no file written. */
export function planIsReadOnly(plan: CommandPlan, cwd: string, home: string): boolean {
  if (!checks) return false;
  const { STDIN_FILTERS, checkStdinFilter, CONTAINER_PROGRAMS, classifyContainerCommand } = checks;
  return plan.steps.every((step) =>
    step.pipeline.stages.every((stage, i) => {
      const r = stage.redirections;
      if (r.stdout.kind === 'file' || r.stderr.kind === 'file') return false;
      if (i > 0 && stage.argv[0] in STDIN_FILTERS) return checkStdinFilter(stage.argv) === undefined;
      if (!CONTAINER_PROGRAMS.has(stage.argv[0]) || stage.assignments.length > 0) return false;
      const c = classifyContainerCommand(stage.argv, { cwd, roots: [cwd], home });
      return c?.reach === 'read' && !c.mutates;
    }),
  );
}
