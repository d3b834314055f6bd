/**
 * Runs hook commands the way Claude Code does: each through the shell in the project folder, the event's JSON on stdin,
 * `CLAUDE_PROJECT_DIR` set; all matching commands at once, an identical command string once. Each runs in a process
 * group of its own, so a timeout or a cancelled run kills the hook and everything it started.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Most bytes kept of a hook's stdout and of its stderr; the rest is dropped and the run says it was cut. */
export const DEFAULT_HOOK_OUTPUT_BYTES = 1024 * 1024;
/** After the hook's own process exits, how long its output pipes may stay open (a background child holding them). */
const DRAIN_MS = 500;

export interface HookProcessOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Cancelling the run kills every hook still running. */
  signal?: AbortSignal;
  maxOutputBytes?: number;
}

export interface HookProcessRun {
  command: string;
  /** null when the process was killed (timeout, cancel) or never started. */
  exitCode: number | null;
  durationMs: number;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  cancelled: boolean;
  /** The shell could not be started. */
  spawnError?: string;
  outputTruncated: boolean;
}

const SHELL = existsSync('/bin/bash') ? '/bin/bash' : '/bin/sh';

/** Runs each distinct command once, all in parallel; results come back in the order the commands were first listed. */
export async function runHookProcesses(commands: { command: string; timeoutMs: number }[], stdin: string, options: HookProcessOptions): Promise<HookProcessRun[]> {
  const distinct = new Map<string, number>();
  for (const c of commands) distinct.set(c.command, Math.max(distinct.get(c.command) ?? 0, c.timeoutMs));
  return Promise.all([...distinct].map(([command, timeoutMs]) => runOne(command, timeoutMs, stdin, options)));
}

function runOne(command: string, timeoutMs: number, stdin: string, options: HookProcessOptions): Promise<HookProcessRun> {
  const cap = options.maxOutputBytes ?? DEFAULT_HOOK_OUTPUT_BYTES;
  const started = performance.now();
  return new Promise((resolve) => {
    const out = { stdout: [] as Buffer[], stderr: [] as Buffer[], sizes: { stdout: 0, stderr: 0 }, truncated: false };
    let timedOut = false;
    let cancelled = false;
    let exitCode: number | null = null;
    let durationMs = 0;
    let settled = false;
    if (options.signal?.aborted) {
      return resolve({ command, exitCode: null, durationMs: 0, stdout: '', stderr: '', timedOut: false, cancelled: true, outputTruncated: false });
    }
    // No rc files: bash reads ~/.bashrc when its stdin is a socket (Node's pipes are) and SHLVL is unset.
    const child = spawn(SHELL, SHELL === '/bin/bash' ? ['--norc', '--noprofile', '-c', command] : ['-c', command], { cwd: options.cwd, env: options.env, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
    const killGroup = () => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, timeoutMs);
    const onAbort = () => {
      cancelled = true;
      killGroup();
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const collect = (name: 'stdout' | 'stderr') => (chunk: Buffer) => {
      const room = cap - out.sizes[name];
      if (room <= 0) return void (out.truncated = true);
      if (chunk.length > room) out.truncated = true;
      const kept = chunk.subarray(0, Math.max(0, room));
      out[name].push(kept);
      out.sizes[name] += kept.length;
    };
    child.stdout.on('data', collect('stdout'));
    child.stderr.on('data', collect('stderr'));
    // A hook that never reads its stdin (or exits first) closes the pipe: that is not an error.
    child.stdin.on('error', () => undefined);
    child.stdin.end(stdin);
    const finish = (spawnError?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(drain);
      options.signal?.removeEventListener('abort', onAbort);
      if (!durationMs) durationMs = Math.round(performance.now() - started);
      // A hook whose run reached its timeout is a timeout, even when it exited on its own in the same instant.
      if (!cancelled && durationMs >= timeoutMs) timedOut = true;
      resolve({
        command,
        exitCode: timedOut || cancelled ? null : exitCode,
        durationMs,
        stdout: Buffer.concat(out.stdout).toString('utf8'),
        stderr: Buffer.concat(out.stderr).toString('utf8'),
        timedOut,
        cancelled,
        outputTruncated: out.truncated,
        ...(spawnError ? { spawnError } : {}),
      });
    };
    let drain: NodeJS.Timeout | undefined;
    child.on('error', (err) => finish(err.message));
    child.on('exit', (code) => {
      clearTimeout(timer);
      exitCode = code;
      durationMs = Math.round(performance.now() - started);
      drain = setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
        finish();
      }, DRAIN_MS);
    });
    child.on('close', () => finish());
  });
}
