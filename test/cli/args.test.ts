import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { duration, parseCommandArgs, wholeNumber } from '../../cli/args.js';
import { UsageError } from '../../cli/io.js';

const HELP = 'Usage: docker-expert thing [--n N]\n';

function out() {
  const stdout = new PassThrough();
  let text = '';
  stdout.on('data', (b: Buffer) => (text += b.toString()));
  return { io: { stdout }, text: () => text };
}

describe('parseCommandArgs', () => {
  it('gives the values and positionals of a good command line', () => {
    const o = out();
    const parsed = parseCommandArgs({ args: ['--n', '3', 'file', '--flag'], options: { n: { type: 'string' }, flag: { type: 'boolean' } }, allowPositionals: true }, HELP, o.io);
    expect(parsed?.values).toEqual({ n: '3', flag: true });
    expect(parsed?.positionals).toEqual(['file']);
    expect(o.text()).toBe('');
  });

  it('prints the help on --help and -h and gives undefined', () => {
    for (const flag of ['--help', '-h']) {
      const o = out();
      expect(parseCommandArgs({ args: ['--n', '3', flag], options: { n: { type: 'string' } } }, HELP, o.io)).toBeUndefined();
      expect(o.text()).toBe(HELP);
    }
  });

  it('refuses an unknown option, a missing value and a positional where none is taken, with the help after the reason', () => {
    const cases: [string[], RegExp][] = [
      [['--bogus'], /Unknown option '--bogus'/],
      [['--n'], /Option '--n <value>' argument missing/],
      [['stray'], /Unexpected argument 'stray'/],
    ];
    for (const [args, reason] of cases) {
      let error: unknown;
      try {
        parseCommandArgs({ args, options: { n: { type: 'string' } } }, HELP, out().io);
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(UsageError);
      expect((error as Error).message).toMatch(reason);
      expect((error as Error).message.endsWith(`\n\n${HELP}`)).toBe(true);
    }
  });
});

describe('wholeNumber', () => {
  it('takes the bounds themselves and refuses one past either, and anything not a plain whole number', () => {
    expect(wholeNumber('--n', undefined, 1, 5)).toBeUndefined();
    expect(wholeNumber('--n', '1', 1, 5)).toBe(1);
    expect(wholeNumber('--n', '5', 1, 5)).toBe(5);
    for (const bad of ['0', '6', '-1', '1.5', '1e3', ' 2', '', 'two']) {
      expect(() => wholeNumber('--n', bad, 1, 5)).toThrow(`--n ${bad}: expected a whole number from 1 to 5`);
    }
  });
});

describe('duration', () => {
  it('reads units and whole seconds, and refuses what is below the minimum or past 3650 days', () => {
    expect(duration('--t', '250ms', 0)).toBe(250);
    expect(duration('--t', '30', 0)).toBe(30_000);
    expect(duration('--t', '15m', 0)).toBe(900_000);
    expect(duration('--t', '3650d', 0)).toBe(3650 * 86_400_000);
    expect(() => duration('--t', '3651d', 0)).toThrow(/at most 3650d/);
    expect(() => duration('--t', '1s', 2000)).toThrow(/--t 1s: expected a duration/);
    expect(() => duration('--t', '1w', 0)).toThrow(/--t 1w/);
  });
});
