/** `docker-expert run [options] <task...>`: one task, non-interactive (like `claude -p`); a thin layer over runAgent. */
import { findAgent } from '../../agent/definition/load.js';
import { DefinitionError } from '../../agent/definition/errors.js';
import type { AgentDefinition } from '../../agent/definition/types.js';
import { OFFLINE_MODEL, resolveModel } from '../../agent/models/aliases.js';
import type { PermissionGate, PermissionMode } from '../../agent/permissions/types.js';
import { runAgent } from '../../agent/run.js';
import { builtinTools } from '../../agent/toolset.js';
import type { CliIO } from '../io.js';
import { UsageError } from '../io.js';
import { createRenderer } from '../render/index.js';
import { parseRunOptions, RUN_OPTIONS_HELP, type RunOptions } from '../run-options.js';

/** Largest task read from stdin. */
export const MAX_STDIN_TASK_BYTES = 1024 * 1024;

export async function command(argv: string[], io: CliIO): Promise<number> {
  const options = parseRunOptions(argv, io.cwd);
  if (options.help) {
    io.stdout.write(`Usage: docker-expert run [options] <task...>\n\n${RUN_OPTIONS_HELP}`);
    return 0;
  }
  const task = options.task || (io.stdin.isTTY ? '' : await readStdin(io.stdin, MAX_STDIN_TASK_BYTES));
  if (!task.trim()) throw new UsageError(`a task is required: docker-expert run [options] "<task>"\n\n${RUN_OPTIONS_HELP}`);

  let definition: AgentDefinition;
  try {
    ({ definition } = await findAgent(options.agent, { cwd: options.cwd, agentsDir: options.agentsDir }));
  } catch (err) {
    if (err instanceof DefinitionError) {
      io.stderr.write(`docker-expert run: ${err.message}\n`);
      return 2;
    }
    throw err;
  }

  const hasKey = Boolean(io.env.ANTHROPIC_API_KEY || io.env.ANTHROPIC_AUTH_TOKEN);
  const model = options.model ?? (hasKey ? definition.model : OFFLINE_MODEL);
  if (resolveModel(model, io.env).kind === 'offline') {
    io.stderr.write(
      `docker-expert run: ${options.model ? '--model offline' : 'no ANTHROPIC_API_KEY or ANTHROPIC_AUTH_TOKEN is set, so the offline expert would run'}, ` +
        'but the offline expert is not available yet. Set ANTHROPIC_API_KEY (and ANTHROPIC_BASE_URL for another endpoint) to use a model.\n',
    );
    return 1;
  }

  const renderer = createRenderer(options.outputFormat, io, options.verbose);
  const handle = runAgent({
    agent: definition,
    task: task.trim(),
    cwd: options.cwd,
    model,
    env: io.env,
    gate: interimGate(options.permissionMode),
    permissionMode: options.permissionMode,
    additionalDirs: options.addDirs,
    tools: builtinTools(),
    maxTurns: options.maxTurns,
    maxBudgetUsd: options.maxBudgetUsd,
    timeoutMs: options.timeoutMs,
    idleTimeoutMs: options.idleTimeoutMs,
    onEvent: (e) => renderer.onEvent(e),
  });
  return renderer.finish(await handle.result);
}

/**
 * Until agent/permissions exports the real gate: deny by default. Read-only calls are allowed; anything that
 * changes something is denied unless the mode allows it (acceptEdits: file edits; bypassPermissions: all).
 */
function interimGate(mode: PermissionMode): PermissionGate {
  const editTools = new Set(['Write', 'Edit', 'MultiEdit']);
  return {
    async check(req) {
      if (mode === 'plan' && !req.readOnly) return { behavior: 'deny', reason: `plan mode is read-only: ${req.toolName} would change something` };
      if (req.readOnly || mode === 'bypassPermissions') return { behavior: 'allow', reason: req.readOnly ? 'read-only call' : 'bypassPermissions' };
      if (mode === 'acceptEdits' && editTools.has(req.toolName)) return { behavior: 'allow', reason: 'acceptEdits' };
      return { behavior: 'ask', reason: `${req.toolName} changes something and no rule allows it` };
    },
  };
}

async function readStdin(stdin: NodeJS.ReadableStream, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buf.length;
    if (size > maxBytes) throw new UsageError(`the task on stdin is larger than ${maxBytes} bytes`);
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export type { RunOptions };
