/** The limit flags of `serve`: durations, bounds at the edge, a clear usage error (exit 2) for bad values. */
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, test } from 'vitest';
import { duration } from '../../cli/args.js';
import { UsageError } from '../../cli/io.js';

const BIN = path.resolve('bin/docker-expert.js');

describe('serve flags', () => {
  test('durations: units, plain seconds, 0, and what is refused', () => {
    expect(duration('--retention', '7d', 0)).toBe(7 * 86_400_000);
    expect(duration('--retention', '12h', 0)).toBe(12 * 3_600_000);
    expect(duration('--drain-timeout', '30s', 0)).toBe(30_000);
    expect(duration('--drain-timeout', '15m', 0)).toBe(900_000);
    expect(duration('--drain-timeout', '250ms', 0)).toBe(250);
    expect(duration('--retention', '90', 0)).toBe(90_000);
    expect(duration('--retention', '0', 0)).toBe(0);
    expect(duration('--retention', '3650d', 0)).toBe(3650 * 86_400_000);
    expect(duration('--retention', undefined, 0)).toBeUndefined();
    for (const bad of ['3651d', '-1s', '1.5h', '7 d', '7w', '', 'forever']) {
      expect(() => duration('--retention', bad, 0), bad).toThrow(UsageError);
    }
    expect(() => duration('--retention', 'soon', 0)).toThrow(/--retention soon: expected a duration such as 30s/);
  });

  test('a limit of 0 or past its bound is a usage error naming the flag (exit 2), before anything starts', async () => {
    for (const [flag, value, range] of [
      ['--max-queued-per-key', '0', '1 to 1000000'],
      ['--max-queued', '1000001', '1 to 1000000'],
      ['--max-running-per-key', '0', '1 to 256'],
      ['--task-threads', '257', '0 to 256'],
    ] as const) {
      const r = await execa(process.execPath, [BIN, 'serve', flag, value, '--data', '/nonexistent/never-made'], { reject: false, env: { PATH: process.env.PATH } });
      expect(r.exitCode, r.stderr).toBe(2);
      expect(r.stderr).toContain(`${flag} ${value}: expected a whole number from ${range}`);
    }
    const r = await execa(process.execPath, [BIN, 'serve', '--retention', '2y'], { reject: false, env: { PATH: process.env.PATH } });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/--retention 2y: expected a duration/);
  });
});
