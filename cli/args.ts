/** What every command does with its argv before its own work: strict flag parsing, --help, numbers and durations. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { CliIO } from './io.js';
import { UsageError } from './io.js';

type CommandArgsConfig = Omit<ParseArgsConfig, 'strict' | 'tokens'>;

/**
 * Parses `config.args` strictly (plus `-h/--help`, added here). A mistake is a UsageError (exit 2) that carries the
 * parser's message followed by the command's help; `--help` prints the help to stdout and gives `undefined`, so the
 * command returns 0.
 */
export function parseCommandArgs<T extends CommandArgsConfig>(config: T, help: string, io: Pick<CliIO, 'stdout'>): ReturnType<typeof parseArgs<T>> | undefined {
  let parsed;
  try {
    parsed = parseArgs({ ...config, strict: true, options: { ...config.options, help: { type: 'boolean', short: 'h' } } });
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\n\n${help}`);
  }
  if ((parsed.values as { help?: boolean }).help) {
    io.stdout.write(help);
    return undefined;
  }
  return parsed as ReturnType<typeof parseArgs<T>>;
}

/** A whole number from `min` to `max` given to `flag`; `undefined` when the flag was not given. */
export function wholeNumber(flag: string, text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) throw new UsageError(`${flag} ${text}: expected a whole number from ${min} to ${max}`);
  return n;
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `30s`, `15m`, `12h`, `7d`, `250ms`, or whole seconds; in milliseconds. */
export function duration(flag: string, text: string | undefined, minMs: number): number | undefined {
  if (text === undefined) return undefined;
  const m = /^(\d+)(ms|s|m|h|d)?$/.exec(text);
  const ms = m ? Number(m[1]) * UNITS[m[2] ?? 's']! : NaN;
  if (!Number.isSafeInteger(ms) || ms < minMs || ms > 3650 * UNITS.d!) throw new UsageError(`${flag} ${text}: expected a duration such as 30s, 15m, 12h or 7d (or whole seconds), at most 3650d`);
  return ms;
}

/** Resolves on the first SIGINT or SIGTERM: how the long-running commands (serve, worker, mcp --http) wait. */
export function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}
