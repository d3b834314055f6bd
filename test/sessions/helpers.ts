/** Shared pieces of the session and chat tests: a project, a logging `docker` shim, the CLI, the workflow's last turn. */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { toolTurn, toolUse } from '../support/scripted-server.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const BIN = path.join(ROOT, 'bin/docker-expert.js');

export function project(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'de-session-'));
  writeFileSync(path.join(dir, 'Dockerfile'), 'FROM node:20\nCOPY . /app\nCMD ["node", "/app/index.js"]\n');
  return dir;
}

/**
 * A `docker` first on PATH that appends "<pid> <args>" to a log and, for arguments containing `slow`, sleeps a minute
 * (long enough to be killed in the middle of it).
 */
export function dockerShim(): { binDir: string; log: string; calls: () => string[] } {
  const binDir = mkdtempSync(path.join(os.tmpdir(), 'de-shim-'));
  const log = path.join(binDir, 'calls.log');
  writeFileSync(log, '');
  const script = `#!/bin/sh\necho "$$ $*" >> '${log}'\ncase "$*" in *slow*) sleep 60 ;; esac\necho "docker shim: $*"\n`;
  const file = path.join(binDir, 'docker');
  writeFileSync(file, script);
  chmodSync(file, 0o755);
  mkdirSync(path.join(binDir, 'empty'), { recursive: true });
  return { binDir, log, calls: () => readFileSync(log, 'utf8').split('\n').filter(Boolean) };
}

export function cliEnv(url: string, shimDir?: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ANTHROPIC_API_KEY: 'test-key',
    ANTHROPIC_AUTH_TOKEN: '',
    ANTHROPIC_BASE_URL: url,
    PATH: shimDir ? `${shimDir}${path.delimiter}${process.env.PATH}` : process.env.PATH,
  };
}

/** The docker-expert's last turn: the five steps and an accepted Handoff. */
export function finishTurn(summary: string) {
  const steps = ['analyze', 'design', 'secure', 'optimize', 'deploy'].map((step) => toolUse('WorkflowStep', { step, status: 'skipped', summary: `nothing to do for ${step}` }));
  return toolTurn([...steps, toolUse('Handoff', { to: 'terminal', summary })]);
}

export async function waitFor(check: () => boolean, timeoutMs = 15_000, what = 'condition'): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Text of every tool_result in a request's messages. */
export function toolResults(body: any): { id: string; text: string; isError: boolean }[] {
  return (body.messages as any[]).flatMap((m) =>
    Array.isArray(m.content)
      ? m.content.filter((b: any) => b.type === 'tool_result').map((b: any) => ({ id: b.tool_use_id, text: typeof b.content === 'string' ? b.content : b.content.map((c: any) => c.text).join(''), isError: b.is_error === true }))
      : [],
  );
}

export function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    /* already gone */
  }
}
