import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BENIGN } from './benign-corpus.js';
import { makeFixture } from './fixture.js';
import type { Fixture } from './fixture.js';
import { executeBash } from './harness.js';

let fx: Fixture;
beforeAll(() => {
  fx = makeFixture();
});
afterAll(() => fx.cleanup());

/** Splits a quote-free command into the argv of each process it starts. */
function defaultRuns(command: string): string[][] {
  if (/['"\\$]/.test(command)) throw new Error(`give 'runs' for ${JSON.stringify(command)}`);
  return command
    .split(/\s*(?:\|&|\||&&|;)\s*/)
    .map((part) => {
      const words = part.split(/\s+/).filter((w) => w !== '');
      while (words.length > 0 && /^[A-Z_]+=/.test(words[0])) words.shift();
      return words;
    })
    .filter((argv) => argv.length > 0);
}

// The gate's verdicts alone are in corpora.test.ts (which mutation testing runs); this file runs every command.
describe(`benign corpus (${BENIGN.length} commands): allowed and run with the exact argv`, () => {
  // Each case logs to its own file, so the cases can run side by side (process start-up dominates).
  it.concurrent.each(BENIGN.map((b, i) => [b.command, b, i] as const))('%s', async (_shown, benign, index) => {
    const logFile = path.join(fx.root, `benign-${index}.log`);
    const { decision, result } = await executeBash(fx, benign.command, benign.mode ? { mode: benign.mode } : {}, logFile);
    expect({ behavior: decision.behavior, reason: decision.reason }).toMatchObject({ behavior: 'allow' });
    expect(result?.isError ?? false).toBe(false);
    const expected = (benign.runs ?? defaultRuns(benign.command)).map((argv) => argv.map((w) => w.replace('__PROJ__', fx.proj)));
    // Stages of a pipeline run at the same time, so the log order among them is not fixed.
    const sorted = (runs: string[][]) => runs.map((r) => JSON.stringify(r)).sort();
    expect(sorted(fx.runs(logFile))).toEqual(sorted(expected));
  });
});
