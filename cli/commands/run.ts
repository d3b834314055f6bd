/** `docker-expert run [options] <task...>`: one task, non-interactive (like `claude -p`); a thin layer over runAgent. */
import { findAgent } from '../../agent/definition/load.js';
import { DefinitionError } from '../../agent/definition/errors.js';
import type { AgentDefinition } from '../../agent/definition/types.js';
import { OFFLINE_MODEL, resolveModel } from '../../agent/models/aliases.js';
import type { ModelProvider } from '../../agent/models/types.js';
import { createPermissionGate, PermissionConfigError, type ConfiguredPermissionGate } from '../../agent/permissions/index.js';
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { createMcpManager, createMcpToolSource, McpConfigError, nestingDepth, parseMcpConfig, PACKAGE_HOME_VARIABLE } from '../../agent/mcp/index.js';
import { packageRoot } from '../../agent/package-root.js';
import type { McpWarning } from '../../agent/mcp/index.js';
import { runAgent, type ToolSource } from '../../agent/run.js';
import { builtinTools, listedBy } from '../../agent/toolset.js';
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

  const cwdStat = await stat(options.cwd).catch(() => undefined);
  if (!cwdStat?.isDirectory()) throw new UsageError(`--cwd ${options.cwd}: no such directory`);

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
  let provider: ModelProvider | undefined;
  if (resolveModel(model, io.env).kind === 'offline') {
    if (!options.model) io.stderr.write('docker-expert run: no ANTHROPIC_API_KEY or ANTHROPIC_AUTH_TOKEN is set: the built-in offline expert runs instead of a model.\n');
    const { createOfflineProvider } = await import('../../agent/models/offline/provider.js');
    provider = createOfflineProvider({ cwd: await realpath(options.cwd), task: task.trim(), handoffTargets: definition.routing.handsOffTo });
  }

  let gate: ConfiguredPermissionGate;
  try {
    gate = createPermissionGate({
      definition,
      cwd: options.cwd,
      additionalDirs: options.addDirs,
      mode: options.permissionMode,
      allow: options.allow,
      deny: options.deny,
    });
  } catch (err) {
    if (err instanceof PermissionConfigError) {
      io.stderr.write(`docker-expert run: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  for (const warning of gate.warnings) io.stderr.write(`docker-expert run: warning: ${warning}\n`);

  const renderer = createRenderer(options.outputFormat, io, options.verbose);
  let mcp: ToolSource | undefined;
  try {
    const onWarning = (w: McpWarning) => renderer.onEvent({ type: 'notice', message: `MCP${w.server ? ` server ${w.server}` : ''}: ${w.message}` });
    mcp = await mcpSource(options, definition, io.env, onWarning);
  } catch (err) {
    if (err instanceof McpConfigError) {
      io.stderr.write(`docker-expert run: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  const handle = runAgent({
    agent: definition,
    task: task.trim(),
    cwd: options.cwd,
    model,
    provider,
    env: io.env,
    gate,
    permissionMode: options.permissionMode,
    additionalDirs: options.addDirs,
    tools: builtinTools({ cwd: options.cwd, env: io.env, wanted: (name) => listedBy(definition.tools, name) }),
    toolSources: mcp ? [mcp] : [],
    maxTurns: options.maxTurns,
    maxBudgetUsd: options.maxBudgetUsd,
    timeoutMs: options.timeoutMs,
    idleTimeoutMs: options.idleTimeoutMs,
    onEvent: (e) => renderer.onEvent(e),
  });
  // Ctrl-C ends the run cleanly (tools get the abort signal) and still prints the result.
  const onInterrupt = () => handle.abort('interrupted (SIGINT)');
  process.once('SIGINT', onInterrupt);
  try {
    return renderer.finish(await handle.result);
  } finally {
    process.removeListener('SIGINT', onInterrupt);
  }
}

/**
 * The run's MCP servers: `--mcp-config`, `<cwd>/.mcp.json`, then the package's own (CONTRACT). With
 * `--strict-mcp-config` (as in Claude Code) only the `--mcp-config` file counts, and without one there is no MCP.
 */
async function mcpSource(options: RunOptions, definition: AgentDefinition, env: NodeJS.ProcessEnv, onWarning: (w: McpWarning) => void): Promise<ToolSource | undefined> {
  const common = { definition, env, cwd: options.cwd, deny: options.deny, onWarning };
  if (!options.strictMcpConfig) return createMcpToolSource({ ...common, configFile: options.mcpConfig });
  if (!options.mcpConfig) return undefined;
  const file = path.resolve(options.cwd, options.mcpConfig);
  const text = await readFile(file, 'utf8').catch((err: Error) => {
    throw new McpConfigError(file, `cannot read: ${err.message}`);
  });
  const { servers, warnings } = parseMcpConfig(text, file, { vars: { ...env, [PACKAGE_HOME_VARIABLE]: packageRoot() } });
  return createMcpManager({ ...common, servers, configWarnings: warnings, depth: nestingDepth(env) });
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
