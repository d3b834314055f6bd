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

  async stopAll(): Promise<void> {
    for (const p of this.procs) p.child.kill('SIGTERM');
    await Promise.all(this.procs.map((p) => p.child));
    for (const d of this.dirs) rmSync(d, { recursive: true, force: true });
  }
}
