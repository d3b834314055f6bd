/** The options of `run` / `chat` / `batch` (CONTRACT.md), parsed and checked once for all three commands. */
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { PermissionMode } from '../permissions/types.js';
import { UsageError } from './io.js';
import { resolveModel } from '../agent/models/aliases.js';
import { parseBaseImageSpec } from '../tools/generator/base-images.js';
import { DEFAULT_VERIFY_ROUNDS } from '../agent/models/offline/verify/constants.js';
import { loadBaseImageConfig } from './config-file.js';

/** Most build-run-probe-repair rounds `--verify-rounds` accepts. */
export const MAX_VERIFY_ROUNDS = 10;

export const OUTPUT_FORMATS = ['text', 'json', 'stream-json'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
export const PERMISSION_MODES: readonly PermissionMode[] = ['default', 'plan', 'acceptEdits', 'bypassPermissions'];
export const DEFAULT_AGENT = 'docker-expert';

export interface RunOptions {
  cwd: string;
  agent: string;
  agentsDir?: string;
  model?: string;
  outputFormat: OutputFormat;
  maxTurns?: number;
  maxBudgetUsd?: number;
  permissionMode: PermissionMode;
  allow: string[];
  deny: string[];
  mcpConfig?: string;
  /** Start no MCP server from `<cwd>/.mcp.json` or the package (Claude Code's flag; with --mcp-config not supported yet). */
  strictMcpConfig: boolean;
  /** Run the handoff's target next when it is a loaded agent (`--follow-handoffs`). */
  followHandoffs: boolean;
  maxTaskDepth?: number;
  maxConcurrentTasks?: number;
  resume?: string;
  /** Where sessions are journaled (`--sessions-dir`); default `<cwd>/.docker-expert/sessions`. */
  sessionsDir?: string;
  /** Whole-run limit (`--timeout SECONDS`). */
  timeoutMs?: number;
  /** Idle-stream watchdog (`--idle-timeout SECONDS`). */
  idleTimeoutMs?: number;
  addDirs: string[];
  /** `--no-verify` turns it off; `--verify-rounds N` (default DEFAULT_VERIFY_ROUNDS). */
  verify: { enabled: boolean; maxRounds: number };
  /** `--base-image NAME=LOCALREF` (repeatable), over the config files' `baseImages`. */
  baseImages: Record<string, string>;
  /** `--max-write-bytes N`: most bytes one Write may write (default WRITE_MAX_BYTES, 10 MiB). */
  maxWriteBytes?: number;
  /** `--trust-project`: hooks from the project's settings files and agent definitions run. */
  trustProject: boolean;
  /** `--no-redact`: tool output reaches the model, the journal and telemetry as it is (default: redacted). */
  redact: boolean;
  verbose: boolean;
  help: boolean;
  /** The positional words, joined with spaces. */
  task: string;
}

export const RUN_OPTIONS_HELP = `Options:
  --cwd DIR                the project the agent works on (default: current directory)
  --agent NAME             which definition to run (default: ${DEFAULT_AGENT})
  --agents-dir DIR         extra place to look for *.md definitions
  --model M                sonnet | opus | haiku | a full model id | offline
  --output-format F        text | json | stream-json (default: text)
  --max-turns N            model round trips before stopping (default: 50)
  --max-budget-usd X       stop when the run's cost reaches X dollars
  --permission-mode M      default | plan | acceptEdits | bypassPermissions
  --allow RULE             extra allow rule in Claude Code syntax (repeatable)
  --deny RULE              extra deny rule in Claude Code syntax (repeatable)
  --mcp-config FILE        MCP servers in .mcp.json format
  --strict-mcp-config      start no MCP server (no <cwd>/.mcp.json, no package servers)
  --follow-handoffs        when the handoff names a loaded agent (not terminal), run it next (at most 3 hops)
  --max-task-depth N       how deep Task sub-agents may nest (default: 2)
  --max-concurrent-tasks N sub-agents running at once (default: 4)
  --resume ID              continue a saved session (the task, if given, is the next message)
  --sessions-dir DIR       where sessions are saved (default: <cwd>/.docker-expert/sessions)
  --add-dir DIR            another folder the file tools may use (repeatable)
  --max-write-bytes N      most bytes one Write may write (default: 10485760)
  --no-redact              do not redact secrets in tool output (default: [REDACTED:<kind>] before the model,
                           the journal, events and telemetry see it; see docs/observability.md)
  --no-verify              do not build and run the image the agent writes (default: verify when an engine answers)
  --verify-rounds N        build-run-probe-repair rounds at most (default: ${DEFAULT_VERIFY_ROUNDS}, 1 to ${MAX_VERIFY_ROUNDS})
  --base-image NAME=REF    use a local image for a base image (repeatable; NAME with or without tag), e.g.
                           --base-image node=localhost/node:20-local; also "baseImages" in .docker-expert/config.json
  --timeout SECONDS        stop the whole run after this long (default: 1800)
  --idle-timeout SECONDS   retry a model stream silent for this long (default: 60)
  --trust-project          run the project's Claude Code hooks (.claude/settings*.json, project agents' hooks);
                           also when Claude Code's trust dialog accepted this folder (~/.claude.json)
  --verbose                more progress on stderr (text output)
`;

/**
 * The flags `run` shares with `batch` (where they are every task's defaults): one table, so the two commands cannot
 * drift apart in name or type.
 */
export const AGENT_RUN_FLAGS = {
  agent: { type: 'string' },
  'agents-dir': { type: 'string' },
  model: { type: 'string' },
  'max-turns': { type: 'string' },
  'max-budget-usd': { type: 'string' },
  'permission-mode': { type: 'string' },
  allow: { type: 'string', multiple: true },
  deny: { type: 'string', multiple: true },
  'mcp-config': { type: 'string' },
  'strict-mcp-config': { type: 'boolean' },
  timeout: { type: 'string' },
  'trust-project': { type: 'boolean' },
} as const satisfies Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>;

export function parseRunOptions(argv: string[], baseCwd: string): RunOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        cwd: { type: 'string' },
        ...AGENT_RUN_FLAGS,
        'output-format': { type: 'string' },
        'follow-handoffs': { type: 'boolean' },
        'max-task-depth': { type: 'string' },
        'max-concurrent-tasks': { type: 'string' },
        resume: { type: 'string' },
        'sessions-dir': { type: 'string' },
        'add-dir': { type: 'string', multiple: true },
        'idle-timeout': { type: 'string' },
        'no-verify': { type: 'boolean' },
        'no-redact': { type: 'boolean' },
        'verify-rounds': { type: 'string' },
        'base-image': { type: 'string', multiple: true },
        'max-write-bytes': { type: 'string' },
        verbose: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\n\n${RUN_OPTIONS_HELP}`);
  }
  const v = parsed.values;
  const cwd = path.resolve(baseCwd, v.cwd ?? '.');
  return {
    cwd,
    agent: nonEmpty('--agent', v.agent) ?? DEFAULT_AGENT,
    agentsDir: nonEmpty('--agents-dir', v['agents-dir']),
    model: nonEmpty('--model', v.model),
    outputFormat: oneOf('--output-format', v['output-format'], OUTPUT_FORMATS) ?? 'text',
    maxTurns: integer('--max-turns', v['max-turns'], 1),
    maxBudgetUsd: positive('--max-budget-usd', v['max-budget-usd']),
    permissionMode: oneOf('--permission-mode', v['permission-mode'], PERMISSION_MODES) ?? 'default',
    allow: (v.allow ?? []).map((r) => nonEmpty('--allow', r) as string),
    deny: (v.deny ?? []).map((r) => nonEmpty('--deny', r) as string),
    mcpConfig: nonEmpty('--mcp-config', v['mcp-config']),
    strictMcpConfig: v['strict-mcp-config'] ?? false,
    followHandoffs: v['follow-handoffs'] ?? false,
    maxTaskDepth: integer('--max-task-depth', v['max-task-depth'], 0),
    maxConcurrentTasks: integer('--max-concurrent-tasks', v['max-concurrent-tasks'], 1),
    resume: nonEmpty('--resume', v.resume),
    sessionsDir: v['sessions-dir'] === undefined ? undefined : path.resolve(cwd, nonEmpty('--sessions-dir', v['sessions-dir']) as string),
    timeoutMs: seconds('--timeout', v.timeout),
    idleTimeoutMs: seconds('--idle-timeout', v['idle-timeout']),
    addDirs: (v['add-dir'] ?? []).map((d) => path.resolve(cwd, nonEmpty('--add-dir', d) as string)),
    verify: { enabled: !(v['no-verify'] ?? false), maxRounds: verifyRounds(v['verify-rounds']) },
    baseImages: baseImageFlags(v['base-image'] ?? []),
    maxWriteBytes: integer('--max-write-bytes', v['max-write-bytes'], 1),
    trustProject: v['trust-project'] ?? false,
    redact: !(v['no-redact'] ?? false),
    verbose: v.verbose ?? false,
    help: v.help ?? false,
    task: parsed.positionals.join(' ').trim(),
  };
}

function verifyRounds(value: string | undefined): number {
  const n = integer('--verify-rounds', value, 1) ?? DEFAULT_VERIFY_ROUNDS;
  if (n > MAX_VERIFY_ROUNDS) throw new UsageError(`--verify-rounds must be at most ${MAX_VERIFY_ROUNDS} (got '${value}')`);
  return n;
}

function baseImageFlags(specs: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const spec of specs) {
    try {
      const [name, ref] = parseBaseImageSpec(spec);
      out[name] = ref;
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
  }
  return out;
}

function nonEmpty(flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value.trim() === '') throw new UsageError(`${flag} needs a value`);
  return value.trim();
}

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!allowed.includes(value as T)) throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got '${value}')`);
  return value as T;
}

function integer(flag: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min) throw new UsageError(`${flag} must be a whole number >= ${min} (got '${value}')`);
  return n;
}

function positive(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) throw new UsageError(`${flag} must be a number > 0 (got '${value}')`);
  return n;
}

function seconds(flag: string, value: string | undefined): number | undefined {
  const n = positive(flag, value);
  return n === undefined ? undefined : Math.round(n * 1000);
}

/**
 * `--model sonnet` (any Claude model) asks for the API: without a key it cannot work, so it is a usage error at once
 * (exit 2) instead of MCP servers started, three retried auth errors and the SDK's message.
 */
export function requireCredentials(model: string | undefined, env: NodeJS.ProcessEnv): void {
  if (model === undefined || resolveModel(model, env).kind === 'offline') return;
  if (env.ANTHROPIC_API_KEY || env.ANTHROPIC_AUTH_TOKEN) return;
  throw new UsageError(`--model ${model} needs ANTHROPIC_API_KEY (or ANTHROPIC_AUTH_TOKEN) in the environment; without a key, leave out --model (or pass --model offline) and the offline expert runs`);
}

/** The session options every run-like command (run, chat) takes from its parsed flags. */
export function sessionOptionsFrom(options: RunOptions, env: NodeJS.ProcessEnv) {
  return {
    agent: options.agent,
    agentsDir: options.agentsDir,
    cwd: options.cwd,
    model: options.model,
    env,
    permissionMode: options.permissionMode,
    allow: options.allow,
    deny: options.deny,
    addDirs: options.addDirs,
    mcpConfig: options.mcpConfig,
    strictMcpConfig: options.strictMcpConfig,
    maxTaskDepth: options.maxTaskDepth,
    maxConcurrentTasks: options.maxConcurrentTasks,
    maxTurns: options.maxTurns,
    maxBudgetUsd: options.maxBudgetUsd,
    timeoutMs: options.timeoutMs,
    idleTimeoutMs: options.idleTimeoutMs,
    sessionsDir: options.sessionsDir,
    verify: options.verify,
    maxWriteBytes: options.maxWriteBytes,
    trustProject: options.trustProject,
    redact: options.redact,
    generatorOptions: { baseImageMap: { ...loadBaseImageConfig(options.cwd, env), ...options.baseImages } },
  };
}
