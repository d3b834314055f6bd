/** The hook process runner: real shells, process groups, timeouts, cancellation, dedupe, output caps. */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runHookProcesses } from '../../agent/hooks/runner.js';
import { pidAlive, sh, waitUntil } from './helpers.js';

const dir = () => mkdtempSync(path.join(os.tmpdir(), 'de-hookrun-'));
const opts = (cwd: string) => ({ cwd, env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } });

describe('runHookProcesses', () => {
  it('passes the JSON on stdin and returns exit code, stdout and stderr', async () => {
    const [run] = await runHookProcesses([{ command: 'read -r line; echo "got $line"; echo oops >&2; exit 3', timeoutMs: 5000 }], '{"a":1}', opts(dir()));
    expect(run).toMatchObject({ exitCode: 3, stdout: 'got {"a":1}\n', stderr: 'oops\n', timedOut: false, cancelled: false });
  });

  it('a hook that does not read its stdin is fine', async () => {
    const [run] = await runHookProcesses([{ command: 'exit 0', timeoutMs: 5000 }], 'x'.repeat(1024 * 1024), opts(dir()));
    expect(run.exitCode).toBe(0);
  });

  it('identical commands run once; different ones run in parallel', async () => {
    const d = dir();
    const counter = path.join(d, 'count');
    const count = sh('count.sh', counter);
    const started = performance.now();
    const runs = await runHookProcesses(
      [
        { command: count, timeoutMs: 5000 },
        { command: 'sleep 1', timeoutMs: 5000 },
        { command: count, timeoutMs: 5000 },
        { command: 'sleep 1; true', timeoutMs: 5000 },
      ],
      '{}',
      opts(d),
    );
    const took = performance.now() - started;
    expect(runs.map((r) => r.command)).toEqual([count, 'sleep 1', 'sleep 1; true']);
    expect(readFileSync(counter, 'utf8')).toBe('run\n');
    // One after the other they would need 2 s.
    expect(took).toBeLessThan(1900);
  });

  it('timeout edge: a hook that needs exactly its timeout is a timeout (killed, no exit code); one well under it is not', async () => {
    const d = dir();
    const [atLimit] = await runHookProcesses([{ command: 'sleep 1; echo finished', timeoutMs: 1000 }], '', opts(d));
    // Killed by the timer or exited in the same instant (a loaded machine can run the echo before the timer fires):
    // either way a timeout with no exit code; what it printed is not asserted.
    expect(atLimit).toMatchObject({ timedOut: true, exitCode: null });
    expect(atLimit.durationMs).toBeGreaterThanOrEqual(1000);
    const [under] = await runHookProcesses([{ command: 'sleep 0.2; echo finished', timeoutMs: 5000 }], '', opts(d));
    expect(under).toMatchObject({ timedOut: false, exitCode: 0, stdout: 'finished\n' });
  });

  it('cancellation kills the whole process group (the hook and what it started)', async () => {
    const d = dir();
    const pids = path.join(d, 'pids');
    const abort = new AbortController();
    const running = runHookProcesses([{ command: sh('slow.sh', pids), timeoutMs: 60_000 }], '{}', { ...opts(d), signal: abort.signal });
    await waitUntil(() => existsSync(pids) && readFileSync(pids, 'utf8').includes(' '));
    const [shell, child] = readFileSync(pids, 'utf8').trim().split(' ').map(Number);
    expect(pidAlive(shell) && pidAlive(child)).toBe(true);
    const t = performance.now();
    abort.abort(new Error('cancelled'));
    const [run] = await running;
    expect(performance.now() - t).toBeLessThan(2000);
    expect(run).toMatchObject({ cancelled: true, exitCode: null, timedOut: false });
    await waitUntil(() => !pidAlive(shell) && !pidAlive(child));
  });

  it('an already cancelled run starts nothing', async () => {
    const d = dir();
    const abort = new AbortController();
    abort.abort();
    const [run] = await runHookProcesses([{ command: `touch ${path.join(d, 'ran')}`, timeoutMs: 5000 }], '', { ...opts(d), signal: abort.signal });
    expect(run.cancelled).toBe(true);
    expect(existsSync(path.join(d, 'ran'))).toBe(false);
  });

  it('output past the cap is cut and said so; at the cap it is whole', async () => {
    const [over] = await runHookProcesses([{ command: 'head -c 5000 /dev/zero | tr "\\0" a', timeoutMs: 5000 }], '', { ...opts(dir()), maxOutputBytes: 4096 });
    expect(over.stdout).toHaveLength(4096);
    expect(over.outputTruncated).toBe(true);
    const [exact] = await runHookProcesses([{ command: 'head -c 4096 /dev/zero | tr "\\0" a', timeoutMs: 5000 }], '', { ...opts(dir()), maxOutputBytes: 4096 });
    expect(exact.stdout).toHaveLength(4096);
    expect(exact.outputTruncated).toBe(false);
  });

  it('a hook that leaves a background child holding its output does not hold the run', async () => {
    const t = performance.now();
    const [run] = await runHookProcesses([{ command: 'sleep 5 & echo started', timeoutMs: 10_000 }], '', opts(dir()));
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe('started\n');
    expect(performance.now() - t).toBeLessThan(3000);
  });
});
