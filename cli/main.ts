import type { ExitFlush } from '../agent/telemetry/index.js';
import type { CliIO, CommandFn } from './io.js';
import { UsageError } from './io.js';

const COMMANDS: Record<string, { summary: string; load: () => Promise<{ command: CommandFn }> }> = {
  run: { summary: 'one task, non-interactive (like `claude -p`)', load: () => import('./commands/run.js') },
  chat: { summary: 'interactive conversation in the terminal, with approval prompts', load: () => import('./commands/chat.js') },
  batch: { summary: 'many tasks; one JSON line in, one result line out', load: () => import('./commands/batch.js') },
  check: { summary: 'offline Dockerfile / Compose / Kubernetes analysis, no model', load: () => import('./commands/check.js') },
  mcp: { summary: 'serve the domain tools and the agent itself as an MCP server', load: () => import('./commands/mcp.js') },
  agents: { summary: 'list the agent definitions found, with their tools and handoff targets', load: () => import('./commands/agents.js') },
  sessions: { summary: 'list saved sessions', load: () => import('./commands/sessions.js') },
  serve: { summary: 'the agent as an A2A v1.0 service (JSON-RPC, REST, SSE)', load: () => import('./commands/serve.js') },
  worker: { summary: 'run serve\'s tasks from a PostgreSQL queue (many workers, many machines)', load: () => import('./commands/worker.js') },
  keys: { summary: 'API keys for serve: create NAME | list | revoke NAME', load: () => import('./commands/keys.js') },
  hook: { summary: 'Claude Code hooks: pre-tool-use (the permission gate), post-tool-use (check written files)', load: () => import('./commands/hook.js') },
  init: { summary: 'init claude [--user|--project]: write the hooks into Claude Code settings', load: () => import('./commands/init.js') },
};

export function usage(): string {
  const lines = ['Usage: docker-expert <command> [options]', '', 'Commands:'];
  for (const [name, c] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(9)} ${c.summary}`);
  lines.push('', 'Run `docker-expert <command> --help` for the options of a command.');
  return lines.join('\n') + '\n';
}

export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(usage());
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    const { createRequire } = await import('node:module');
    io.stdout.write(`${createRequire(import.meta.url)('../package.json').version}\n`);
    return 0;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    io.stderr.write(`docker-expert: unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  try {
    const mod = await entry.load();
    return await mod.command(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`docker-expert ${name}: ${err.message}\n`);
      return 2;
    }
    throw err;
  } finally {
    // The last spans and metrics go out (when OpenTelemetry is on), waiting a bounded time for the collector. Left on
    // globalThis by agent/telemetry when it starts, not imported: see EXIT_FLUSH_KEY there (same key).
    await (globalThis as Record<symbol, ExitFlush | undefined>)[Symbol.for('docker-expert.telemetry.exit-flush')]?.(io.env);
  }
}

export function processIO(): CliIO {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, cwd: process.cwd() };
}
