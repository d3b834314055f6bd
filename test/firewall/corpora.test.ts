import { existsSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ATTACKS } from './attack-corpus.js';
import { BENIGN } from './benign-corpus.js';
import { makeFixture } from './fixture.js';
import type { Fixture } from './fixture.js';
import { executeBash, judgeBash } from './harness.js';

let fx: Fixture;
beforeAll(() => {
  fx = makeFixture();
});
afterAll(() => fx.cleanup());
beforeEach(() => fx.reset());

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

// The gate alone (fast: mutation testing runs it per mutant); benign-run.test.ts runs each command through the Bash tool.
describe(`benign corpus (${BENIGN.length} commands): allowed by the gate`, () => {
  it.each(BENIGN.map((b) => [b.command, b] as const))('%s', async (_shown, benign) => {
    const decision = await judgeBash(fx, benign.command, benign.mode ? { mode: benign.mode } : {});
    expect(decision.reason).toBeTypeOf('string');
    expect({ behavior: decision.behavior, reason: decision.reason }).toMatchObject({ behavior: 'allow' });
  });
});
