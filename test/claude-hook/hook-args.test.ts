/**
 * The hook's option reader (cli/commands/hook.ts parseHookArgs, by hand so that node:util is never imported: on Node 24
 * that makes process.stderr) against node:util's parseArgs with the same options: on generated argument lists, the
 * same values and positionals, or an error from both.
 */
import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseHookArgs } from '../../cli/commands/hook.js';

const options = {
  'allow-safe': { type: 'boolean' },
  'main-thread': { type: 'string' },
  'agents-dir': { type: 'string' },
  'max-input-bytes': { type: 'string' },
  'no-shellcheck': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const POOL = ['pre-tool-use', 'post-tool-use', '--allow-safe', '--allow-safe=1', '--main-thread', 'off', 'containers', '--main-thread=off', '--main-thread=', '--agents-dir',
  'dir', '-h', '--help', '--bogus', '--bogus=1', '-x', '--', '-', '--no-shellcheck', '--max-input-bytes', '20', '--max-input-bytes=5', '-ab', '--help=no'];

function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function outcome(read: () => { values: object; positionals: string[] }) {
  try {
    const { values, positionals } = read();
    return { values: { ...values }, positionals };
  } catch {
    return 'error';
  }
}

describe('parseHookArgs: node:util parseArgs for the hook\'s options', () => {
  it('the same result on 5,000 generated argument lists (successes and errors both common)', () => {
    const random = rng(24);
    const seen = { ok: 0, error: 0 };
    for (let i = 0; i < 5000; i++) {
      const argv = Array.from({ length: Math.floor(random() * 5) }, () => POOL[Math.floor(random() * POOL.length)]);
      const ours = outcome(() => parseHookArgs(argv));
      expect(ours, JSON.stringify(argv)).toEqual(outcome(() => parseArgs({ args: argv, allowPositionals: true, options })));
      seen[ours === 'error' ? 'error' : 'ok']++;
    }
    expect(seen.ok).toBeGreaterThan(500);
    expect(seen.error).toBeGreaterThan(500);
  });

  it('names an unknown option as parseArgs does', () => {
    expect(() => parseHookArgs(['pre-tool-use', '--bogus'])).toThrow(/^Unknown option '--bogus'/);
  });
});
