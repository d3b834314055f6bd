/** Shared pieces of the hooks tests: a home folder and a project with settings files, and a run through the real loop. */
import { mkdirSync, mkdtempSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AgentEvent } from '../../agent/events.js';
import { startSession } from '../../agent/session/start-session.js';
import { startRun, type StartOptions } from '../../agent/start.js';
import { startScriptedServer, type ScriptEntry, type ScriptedServer } from '../support/scripted-server.js';

export const SCRIPTS = path.join(import.meta.dirname, 'scripts');
export const sh = (script: string, ...args: string[]) => ['bash', q(path.join(SCRIPTS, script)), ...args.map(q)].join(' ');
export const node = (script: string, ...args: string[]) => [q(process.execPath), q(path.join(SCRIPTS, script)), ...args.map(q)].join(' ');
const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export const AGENT = `---
name: hooker
description: a test agent for hooks
tools: Read, Bash(docker:*), Bash(echo:*), Task
model: sonnet
---
You test hooks.
`;

export type HooksValue = Record<string, { matcher?: string; hooks: { type: string; command?: string; timeout?: number }[] }[]>;

export interface Fixture {
  home: string;
  cwd: string;
  agentsDir: string;
  log: string;
}

/** A home folder (user settings), a project (project settings), an agents dir outside the project, a log file. */
export function fixture(options: { user?: HooksValue; project?: HooksValue; local?: HooksValue; agent?: string; projectAgent?: string } = {}): Fixture {
  const root = mkdtempSync(path.join(os.tmpdir(), 'de-hooks-'));
  const home = path.join(root, 'home');
  const cwd = path.join(root, 'project');
  const agentsDir = path.join(root, 'agents');
  for (const d of [path.join(home, '.claude'), path.join(cwd, '.claude', 'agents'), agentsDir]) mkdirSync(d, { recursive: true });
  if (options.user) writeFileSync(path.join(home, '.claude', 'settings.json'), JSON.stringify({ hooks: options.user }));
  if (options.project) writeFileSync(path.join(cwd, '.claude', 'settings.json'), JSON.stringify({ hooks: options.project }));
  if (options.local) writeFileSync(path.join(cwd, '.claude', 'settings.local.json'), JSON.stringify({ hooks: options.local }));
  writeFileSync(path.join(agentsDir, 'hooker.md'), options.agent ?? AGENT);
  if (options.projectAgent) writeFileSync(path.join(cwd, '.claude', 'agents', 'hooker.md'), options.projectAgent);
  writeFileSync(path.join(cwd, 'Dockerfile'), 'FROM node:20\n');
  return { home, cwd, agentsDir, log: path.join(root, 'hook-log.jsonl') };
}

/** The JSON lines a recording hook wrote. */
export function logged(f: Fixture): any[] {
  if (!existsSync(f.log)) return [];
  return readFileSync(f.log, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

export interface HookRun {
  result: Awaited<Awaited<ReturnType<typeof startRun>>['result']>;
  events: AgentEvent[];
  notices: string[];
  server: ScriptedServer;
  /** With `session: true`: the session's folder (its journal). */
  sessionDir?: string;
}

const servers: ScriptedServer[] = [];
export async function closeServers(): Promise<void> {
  await Promise.all(servers.splice(0).map((s) => s.close()));
}

/**
 * startRun against the scripted Messages API (real SDK over HTTP), HOME pointed at the fixture's home; with
 * `session: true` a session as `run` starts it (its journal written).
 */
export async function runHooked(f: Fixture, script: ScriptEntry[], extra: Partial<StartOptions> & { env?: Record<string, string>; session?: boolean } = {}): Promise<HookRun> {
  const server = await startScriptedServer(script);
  servers.push(server);
  const events: AgentEvent[] = [];
  const notices: string[] = [];
  const { env, session, ...rest } = extra;
  const started = await (session ? startSession : startRun)({
    agent: 'hooker',
    agentsDir: f.agentsDir,
    task: 'check the project',
    cwd: f.cwd,
    mcp: false,
    verify: { enabled: false, maxRounds: 1 },
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: f.home, ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: server.url, HOOK_LOG: f.log, ...env },
    onEvent: (e) => events.push(e),
    onNotice: (m) => notices.push(m),
    ...rest,
  });
  const sessionDir = 'sessionDir' in started ? (started.sessionDir as string) : undefined;
  return { result: await started.result, events, notices, server, sessionDir };
}

export const hookEvents = (events: AgentEvent[]) => events.filter((e): e is Extract<AgentEvent, { type: 'hook' }> => e.type === 'hook');
/** The tool_result blocks sent back in request n. */
export const resultsOf = (server: ScriptedServer, n: number) => (server.messageRequests[n].body.messages.at(-1).content as any[]).filter((b) => b.type === 'tool_result');
/** Every text the model was sent in request n. */
export const textsOf = (server: ScriptedServer, n: number): string =>
  (server.messageRequests[n].body.messages as any[])
    .flatMap((m) => (typeof m.content === 'string' ? [m.content] : m.content.map((b: any) => (b.type === 'text' ? b.text : b.type === 'tool_result' ? JSON.stringify(b.content) : ''))))
    .join('\n');

/**
 * Whether a process still runs: a zombie counts as gone (killed, not yet reaped; PID 1 in a container may never
 * reap the orphans of a killed process group).
 */
export function pidAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

export async function waitUntil(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`still not true after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
