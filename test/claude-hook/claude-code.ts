/**
 * Runs the real Claude Code binary (CLAUDE_BIN) on the scripted Messages API, in a throw-away HOME and
 * CLAUDE_CONFIG_DIR, with the docker-expert agent as the main thread (`--agent`). The model's turns are batches of
 * tool calls; the tool_results Claude Code sends back say what happened to each call.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { endTurn, startScriptedServer, toolTurn, toolUse } from '../support/scripted-server.js';
import type { LoggedRequest, MessageReply } from '../support/scripted-server.js';

/** The binary, or undefined: the tests are skipped, unless DOCKER_EXPERT_REQUIRE_CLAUDE=1 makes that a failure. */
export function claudeBinary(): string | undefined {
  const bin = process.env.CLAUDE_BIN;
  if (bin && existsSync(bin)) return bin;
  if (process.env.DOCKER_EXPERT_REQUIRE_CLAUDE === '1') {
    throw new Error(`DOCKER_EXPERT_REQUIRE_CLAUDE=1 but CLAUDE_BIN (${bin ?? 'unset'}) is not an installed Claude Code binary (npm install @anthropic-ai/claude-agent-sdk-linux-x64@0.3.328)`);
  }
  return undefined;
}

export interface ToolCall {
  id: string;
  name: string;
  input: Record<string, unknown>;
}

export interface ToolOutcome {
  isError: boolean;
  text: string;
}

export interface ClaudeRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  ms: number;
  /** Each tool call's tool_result, by id (missing: Claude Code never answered it). */
  results: Map<string, ToolOutcome>;
  /** The main conversation's requests, in order (side requests such as titles are answered and not kept). */
  turns: LoggedRequest[];
}

const PROMPT = 'Run the scripted tool calls.';

function resultText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((c) => (typeof c?.text === 'string' ? c.text : '')).join('\n');
  return '';
}

export async function runClaude(opts: {
  claude: string;
  /** The project (cwd); its .claude/ holds the agent and, when hooked, the settings with the hooks. */
  project: string;
  /** A throw-away home; Claude Code's config goes in <home>/.claude. */
  home: string;
  /** PATH for Claude Code, its Bash tool and the hooks. */
  pathEnv: string;
  batches: ToolCall[][];
  args?: string[];
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  /** `--agent` (default docker-expert; a plugin's agent is `plugin:agent`). */
  agent?: string;
  /** `--permission-mode` (default `default`). */
  permissionMode?: string;
}): Promise<ClaudeRun> {
  const turns: LoggedRequest[] = [];
  let served = 0;
  const reply = (req: LoggedRequest): MessageReply => {
    const messages = req.body?.messages ?? [];
    const first = resultText(messages[0]?.content);
    const isMain = Array.isArray(req.body?.tools) && req.body.tools.some((t: { name?: string }) => t.name === 'Bash') && first.includes(PROMPT);
    if (!isMain) return endTurn('ok');
    turns.push(req);
    if (served < opts.batches.length) {
      const batch = opts.batches[served++];
      return toolTurn(batch.map((c) => toolUse(c.name, c.input, c.id)));
    }
    return endTurn('done');
  };
  const server = await startScriptedServer([], { whenDone: reply });
  mkdirSync(opts.home, { recursive: true });
  const env: NodeJS.ProcessEnv = {
    PATH: opts.pathEnv,
    HOME: opts.home,
    CLAUDE_CONFIG_DIR: path.join(opts.home, '.claude'),
    SHELL: '/bin/bash',
    ANTHROPIC_API_KEY: 'test-key',
    ANTHROPIC_BASE_URL: server.url,
    DISABLE_TELEMETRY: '1',
    DISABLE_AUTOUPDATER: '1',
    DISABLE_ERROR_REPORTING: '1',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    ...opts.env,
  };
  const args = ['-p', PROMPT, '--agent', opts.agent ?? 'docker-expert', '--output-format', 'json', '--permission-mode', opts.permissionMode ?? 'default', ...(opts.args ?? [])];
  const started = performance.now();
  const child = spawn(opts.claude, args, { cwd: opts.project, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 600_000);
  const exitCode = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearTimeout(timer);
  const ms = performance.now() - started;
  await server.close();
  const results = new Map<string, ToolOutcome>();
  for (const req of turns) {
    const last = req.body.messages.at(-1);
    if (!Array.isArray(last?.content)) continue;
    for (const b of last.content) if (b.type === 'tool_result') results.set(b.tool_use_id, { isError: b.is_error === true, text: resultText(b.content) });
  }
  return { exitCode, stdout, stderr, ms, results, turns };
}

/** Bash calls, `size` to a turn. */
export function bashBatches(commands: string[], size: number, prefix: string): ToolCall[][] {
  const calls = commands.map((command, i) => ({ id: `toolu_${prefix}_${String(i).padStart(4, '0')}`, name: 'Bash', input: { command, description: `case ${i}` } }));
  const out: ToolCall[][] = [];
  for (let i = 0; i < calls.length; i += size) out.push(calls.slice(i, i + size));
  return out;
}
