/** Real docker-expert processes for the PostgreSQL tests: spawned from the bundle, their JSON log lines watched. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa, type ResultPromise } from 'execa';

export const BIN = path.resolve('bin/docker-expert.js');

export interface Proc {
  child: ResultPromise;
  log: string[];
  /** Resolves with the first log line matching. */
  waitFor(re: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
}

export class Processes {
  private readonly procs: Proc[] = [];
  private readonly dirs: string[] = [];
  private readonly anyLine = new Set<() => void>();

  constructor(readonly env: Record<string, string | undefined>) {}

  tmp(label: string): string {
    const d = mkdtempSync(path.join(tmpdir(), `dx-pg-${label}-`));
    this.dirs.push(d);
    return d;
  }

  spawn(args: string[]): Proc {
    const child = execa(process.execPath, [BIN, ...args], { env: this.env, extendEnv: false, reject: false, buffer: false });
    const log: string[] = [];
    const watchers = new Set<() => void>();
    let partial = '';
    child.stderr!.on('data', (b: Buffer) => {
      partial += b.toString();
      const lines = partial.split('\n');
      partial = lines.pop()!;
      log.push(...lines);
      for (const w of watchers) w();
      for (const w of this.anyLine) w();
    });
    const proc: Proc = {
      child,
      log,
      waitFor: (re, timeoutMs = 30_000) =>
        new Promise((resolve, reject) => {
          const check = () => {
            for (const line of log) {
              const m = re.exec(line);
              if (m) {
                watchers.delete(check);
                clearTimeout(timer);
                resolve(m);
                return;
              }
            }
          };
          const timer = setTimeout(() => {
            watchers.delete(check);
            reject(new Error(`no log line matching ${re} within ${timeoutMs} ms; log:\n${log.join('\n')}`));
          }, timeoutMs);
          watchers.add(check);
          void child.then(() => reject(new Error(`process exited; log:\n${log.join('\n')}`)));
          check();
        }),
    };
    this.procs.push(proc);
    return proc;
  }

  /** Resolves once `check()` holds, checked again whenever any process logs a line. */
  waitUntil(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const test = () => {
        if (!check()) return;
        this.anyLine.delete(test);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.anyLine.delete(test);
        // What went wrong is usually in the processes' own words: their errors, and the last lines.
        const lines = this.allLines();
        const errors = lines.filter((l) => /error|failed|refused|retry/i.test(l)).slice(-20);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; errors logged:\n${errors.join('\n')}\nlast lines:\n${lines.slice(-20).join('\n')}`));
      }, timeoutMs);
      this.anyLine.add(test);
      test();
    });
  }

  /** Every log line of every process started so far (the killed ones too). */
  allLines(): string[] {
    return this.procs.flatMap((p) => p.log);
  }

  async stopAll(): Promise<void> {
    for (const p of this.procs) p.child.kill('SIGTERM');
    await Promise.all(this.procs.map((p) => p.child));
    for (const d of this.dirs) rmSync(d, { recursive: true, force: true });
  }
}
