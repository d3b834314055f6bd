/**
 * stdio transport for MCP servers that starts each server in its own process group, so closing it also ends
 * whatever it started (`npx` -> node, `uvx` -> python). The SDK's StdioClientTransport signals only the direct child.
 * A process `exit` hook SIGKILLs groups still alive, so a run that ends abruptly leaves no orphans either.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { ReadBuffer, serializeMessage } from '@modelcontextprotocol/sdk/shared/stdio.js';

/** After closing stdin, how long a server gets to exit on its own before SIGTERM. */
export const DEFAULT_STDIN_CLOSE_GRACE_MS = 300;
/** After SIGTERM, how long before SIGKILL. */
export const DEFAULT_TERM_GRACE_MS = 1_000;
/** How much of a server's stderr is kept to explain a failure. */
export const STDERR_TAIL_CHARS = 2_000;

const liveGroups = new Set<number>();
let exitHookInstalled = false;
function trackGroup(pid: number): void {
  liveGroups.add(pid);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const group of liveGroups) signalGroup(group, 'SIGKILL');
  });
}

function signalGroup(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

export interface ProcessStdioOptions {
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
  stdinCloseGraceMs?: number;
  termGraceMs?: number;
}

export class ProcessGroupStdioTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  private child?: ChildProcess;
  private readonly buffer = new ReadBuffer();
  private stderrTail = '';
  private exitInfo?: string;
  private graceless = false;

  constructor(private readonly opts: ProcessStdioOptions) {}

  /** The server's process id (its process group id too), once started. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** The last lines the server wrote to stderr and how it exited, to explain a failure. */
  describeFailure(): string {
    const tail = this.stderrTail.trim();
    return [this.exitInfo, tail ? `stderr: ${tail.split('\n').slice(-5).join(' | ')}` : ''].filter(Boolean).join('; ');
  }

  start(): Promise<void> {
    if (this.child) throw new Error('ProcessGroupStdioTransport already started');
    return new Promise((resolve, reject) => {
      const child = spawn(this.opts.command, this.opts.args, {
        cwd: this.opts.cwd,
        env: this.opts.env,
        stdio: ['pipe', 'pipe', 'pipe'],
        detached: true,
        shell: false,
      });
      this.child = child;
      child.once('error', (err) => {
        this.exitInfo = `cannot start '${this.opts.command}': ${err.message}`;
        reject(new Error(this.exitInfo));
        this.onerror?.(err);
      });
      child.once('spawn', () => {
        trackGroup(child.pid!);
        resolve();
      });
      child.once('exit', (code, signal) => {
        this.exitInfo = signal ? `exited on ${signal}` : `exited with code ${code}`;
        // The leader is gone: whatever it left in its group (possibly holding our pipes open) goes with it.
        signalGroup(child.pid!, 'SIGKILL');
        liveGroups.delete(child.pid!);
      });
      child.once('close', () => {
        this.child = undefined;
        this.onclose?.();
      });
      child.stdout!.on('data', (chunk: Buffer) => {
        this.buffer.append(chunk);
        for (;;) {
          let message: JSONRPCMessage | null;
          try {
            message = this.buffer.readMessage();
          } catch (err) {
            this.onerror?.(err as Error);
            continue;
          }
          if (message === null) break;
          this.onmessage?.(message);
        }
      });
      child.stderr!.on('data', (chunk: Buffer) => {
        this.stderrTail = (this.stderrTail + chunk.toString('utf8')).slice(-STDERR_TAIL_CHARS);
      });
      child.stdin!.on('error', (err) => this.onerror?.(err));
    });
  }

  send(message: JSONRPCMessage): Promise<void> {
    const stdin = this.child?.stdin;
    if (!stdin || stdin.destroyed) return Promise.reject(new Error('server process is not running'));
    return new Promise((resolve) => {
      if (stdin.write(serializeMessage(message))) resolve();
      else stdin.once('drain', resolve);
    });
  }

  /**
   * The next close() signals at once instead of giving the server time to read the end of its input: for a server
   * that never finished its handshake (it has nothing to finish, and one still loading would only exit once loaded).
   */
  stopWithoutGrace(): void {
    this.graceless = true;
  }

  /** Ends stdin, then SIGTERM to the whole group, then SIGKILL; resolves when the process has exited. */
  async close(): Promise<void> {
    const child = this.child;
    if (!child || child.pid === undefined) return;
    const pid = child.pid;
    const exited = new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      else child.once('exit', () => resolve());
    });
    const waitExit = (ms: number) =>
      Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms).unref())]);
    child.stdin?.end();
    if (this.graceless || !(await waitExit(this.opts.stdinCloseGraceMs ?? DEFAULT_STDIN_CLOSE_GRACE_MS))) {
      signalGroup(pid, 'SIGTERM');
      if (!(await waitExit(this.opts.termGraceMs ?? DEFAULT_TERM_GRACE_MS))) {
        signalGroup(pid, 'SIGKILL');
        await exited;
      }
    }
    signalGroup(pid, 'SIGKILL');
    liveGroups.delete(pid);
    this.buffer.clear();
  }
}
