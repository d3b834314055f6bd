/**
 * `run_agent`: runs the docker-expert agent on a task in a folder by starting our own CLI
 * (`docker-expert run --output-format stream-json`), so the run is exactly what the CLI does, in its own process.
 * Each event line becomes a progress notification; the last line is the result object, returned as is.
 */
import path from 'node:path';
import * as z from 'zod';
import { packageRoot } from '../../../package-root.js';
import { NESTING_DEPTH_VARIABLE } from '../../connection.js';
import { resolveInsideRoot } from '../confine.js';
import { errorResult, guarded, textResult, type ToolRegistrar } from '../context.js';

/** After cancellation, how long the run gets to stop (and close its own servers) before SIGKILL. */
export const RUN_AGENT_KILL_GRACE_MS = 5_000;
/** How much of the run's stderr is kept to explain a run that ended without a result. */
const STDERR_TAIL_CHARS = 2_000;
/** Modes a client may ask for; bypassPermissions is not offered through MCP. */
const MODES = ['default', 'plan', 'acceptEdits'] as const;

export const registerRunAgent: ToolRegistrar = (server, ctx) => {
  server.registerTool(
    'run_agent',
    {
      title: 'Run the docker-expert agent',
      description:
        'Runs the docker-expert containerization agent on a task in a project folder (under the served folder) and ' +
        'returns its result object (result text, handoff with artifacts/findings/commands, workflow steps, usage, ' +
        'permission denials). Sends progress notifications while it works. Without ANTHROPIC_API_KEY in the server\'s ' +
        'environment the offline expert runs.',
      inputSchema: {
        task: z.string().min(1).describe('What the agent should do'),
        dir: z.string().default('.').describe('Project folder, relative to the served folder'),
        agent: z.string().optional().describe('Definition to run (default docker-expert)'),
        model: z.string().optional().describe('sonnet | opus | haiku | a full model id | offline'),
        permission_mode: z.enum(MODES).optional().describe('default (asks become denials), plan (read-only) or acceptEdits'),
        max_turns: z.number().int().min(1).optional(),
        max_budget_usd: z.number().positive().optional(),
      },
      annotations: { readOnlyHint: false, destructiveHint: false, openWorldHint: true },
    },
    (args, extra) =>
      guarded(async () => {
        const dir = await resolveInsideRoot(ctx.root, args.dir);
        const cliArgs = ['run', '--output-format', 'stream-json', '--cwd', dir];
        if (args.agent) cliArgs.push('--agent', args.agent);
        if (args.model) cliArgs.push('--model', args.model);
        if (args.permission_mode) cliArgs.push('--permission-mode', args.permission_mode);
        if (args.max_turns) cliArgs.push('--max-turns', String(args.max_turns));
        if (args.max_budget_usd) cliArgs.push('--max-budget-usd', String(args.max_budget_usd));
        cliArgs.push('--', args.task);

        const { execa } = await import('execa');
        const child = execa(process.execPath, [path.join(packageRoot(), 'bin', 'docker-expert.js'), ...cliArgs], {
          cwd: dir,
          env: { ...ctx.env, [NESTING_DEPTH_VARIABLE]: String(ctx.depth + 1) },
          extendEnv: false,
          stdin: 'ignore',
          buffer: false,
          reject: false,
          cancelSignal: extra.signal,
          forceKillAfterDelay: RUN_AGENT_KILL_GRACE_MS,
        });
        let stderrTail = '';
        child.stderr?.on('data', (b: Buffer) => (stderrTail = (stderrTail + b.toString('utf8')).slice(-STDERR_TAIL_CHARS)));

        const token = extra._meta?.progressToken;
        let progress = 0;
        let result: Record<string, unknown> | undefined;
        for await (const line of child.iterable({ from: 'stdout' })) {
          let event: Record<string, unknown>;
          try {
            event = JSON.parse(String(line));
          } catch {
            continue;
          }
          if (event.type === 'result') {
            result = event;
            continue;
          }
          const message = describeEvent(event);
          if (token !== undefined && message) {
            await extra.sendNotification({ method: 'notifications/progress', params: { progressToken: token, progress: ++progress, message } });
          }
        }
        const done = await child;
        if (extra.signal.aborted) return errorResult('run_agent was cancelled; the run was stopped');
        if (!result) {
          const how = done.signal ? `was killed by ${done.signal}` : `exited with code ${done.exitCode}`;
          return errorResult(`the agent run ${how} without a result${stderrTail.trim() ? `: ${stderrTail.trim()}` : ''}`);
        }
        return { ...textResult(JSON.stringify(result, null, 2), result), isError: result.is_error === true };
      }),
  );
};

/** One short line per stream-json event, for progress notifications. */
export function describeEvent(event: Record<string, unknown>): string | undefined {
  if (event.type !== 'system') return undefined;
  switch (event.subtype) {
    case 'init':
      return `started ${String(event.agent)} on ${String(event.model)} with ${(event.tools as unknown[] | undefined)?.length ?? 0} tools`;
    case 'tool_start':
      return `tool ${String(event.name)}`;
    case 'workflow':
      return `workflow ${String(event.step)}: ${String(event.status)}`;
    case 'permission':
      return event.behavior === 'deny' ? `denied ${String(event.tool_name)}: ${String(event.reason)}` : undefined;
    case 'notice':
    case 'retry':
      return String(event.message);
    default:
      return undefined;
  }
}
