import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ATTACKS } from './attack-corpus.js';
import { BENIGN } from './benign-corpus.js';
import { makeFixture } from './fixture.js';
import type { Fixture } from './fixture.js';
import { executeBash } from './harness.js';

let fx: Fixture;
beforeAll(() => {
  fx = makeFixture();
});
afterAll(() => fx.cleanup());
beforeEach(() => fx.reset());

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

describe(`attack corpus (${ATTACKS.length} commands): denied under Bash(docker:*), Bash(kubectl:*), Bash(podman:*), never run`, () => {
  it.each(ATTACKS.map((a) => [a.category, a.command.length > 120 ? `${a.command.slice(0, 100)}... (${a.command.length} chars)` : a.command, a] as const))(
    '[%s] %s',
    async (_category, _shown, attack) => {
      const { decision, result } = await executeBash(fx, attack.command);
      expect(result).toBeUndefined();
      expect(decision.behavior).toBe('deny');
      if (attack.asks) {
        expect(decision.reason).toMatch(/^needs approval and nobody can approve in this run\. /);
        expect(decision.reason).toMatch(attack.asks);
      } else expect(decision.reason).toMatch(attack.why);
      expect(fx.runs()).toEqual([]);
      expect(existsSync(fx.canary)).toBe(false);
    },
  );
});

describe(`benign corpus (${BENIGN.length} commands): allowed and run with the exact argv`, () => {
  // Each case logs to its own file, so the cases can run side by side (process start-up dominates).
  it.concurrent.each(BENIGN.map((b, i) => [b.command, b, i] as const))('%s', async (_shown, benign, index) => {
    const logFile = path.join(fx.root, `benign-${index}.log`);
    const { decision, result } = await executeBash(fx, benign.command, benign.mode ? { mode: benign.mode } : {}, logFile);
    expect(decision.reason).toBeTypeOf('string');
    expect({ behavior: decision.behavior, reason: decision.reason }).toMatchObject({ behavior: 'allow' });
    expect(result?.isError ?? false).toBe(false);
    const expected = (benign.runs ?? defaultRuns(benign.command)).map((argv) => argv.map((w) => w.replace('__PROJ__', fx.proj)));
    // Stages of a pipeline run at the same time, so the log order among them is not fixed.
    const sorted = (runs: string[][]) => runs.map((r) => JSON.stringify(r)).sort();
    expect(sorted(fx.runs(logFile))).toEqual(sorted(expected));
  });
});
