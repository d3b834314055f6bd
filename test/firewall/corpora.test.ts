import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ATTACKS } from './attack-corpus.js';
import { BENIGN } from './benign-corpus.js';
import { makeFixture } from './fixture.js';
import type { Fixture } from './fixture.js';
import { judgeBash } from './harness.js';

let fx: Fixture;
beforeAll(() => {
  fx = makeFixture();
});
afterAll(() => fx.cleanup());
beforeEach(() => fx.reset());

// The attacks are asked of the gate, never run: a regression (or a mutant under `npm run mutation`) that let one through
// would run it for real as the user running the tests, root in CI. That happened: a mutant let `docker ps > /etc/passwd`
// through and the runner emptied this machine's /etc/passwd. That a denied call is not run is the executor's part, tested
// with harmless calls (test/permissions/gate.test.ts).
describe(`attack corpus (${ATTACKS.length} commands): denied under Bash(docker:*), Bash(kubectl:*), Bash(podman:*)`, () => {
  it.each(ATTACKS.map((a) => [a.category, a.command.length > 120 ? `${a.command.slice(0, 100)}... (${a.command.length} chars)` : a.command, a] as const))(
    '[%s] %s',
    async (_category, _shown, attack) => {
      const decision = await judgeBash(fx, attack.command);
      expect(decision.behavior).toBe('deny');
      if (attack.asks) {
        expect(decision.reason).toMatch(/^needs approval and nobody can approve in this run\. /);
        expect(decision.reason).toMatch(attack.asks);
      } else expect(decision.reason).toMatch(attack.why);
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
