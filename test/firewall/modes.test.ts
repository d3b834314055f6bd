/**
 * The attack corpus in three modes, with a live approver that records every question, so each case has an exact verdict:
 * denied outright (and why), or asked (and what). Modes: the shipped definition in the default mode; an unrestricted
 * `Bash` definition in the default mode and in acceptEdits, where the defences behind the allowlist are reached.
 * Nothing is run: only the gate is asked (corpora.test.ts and benign-run.test.ts run the shipped mode through the Bash tool).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPermissionGate } from '../../permissions/index.js';
import type { AgentDefinition } from '../../agent/definition/index.js';
import type { PermissionMode } from '../../permissions/index.js';
import { ATTACKS } from './attack-corpus.js';
import type { AttackCase, Verdict } from './attack-corpus.js';
import { makeFixture } from './fixture.js';
import type { Fixture } from './fixture.js';
import { freeDefinition, seedDefinition } from './harness.js';

let fx: Fixture;
beforeAll(() => {
  fx = makeFixture();
});
afterAll(() => fx.cleanup());

interface Mode {
  name: string;
  definition: () => AgentDefinition;
  mode: PermissionMode;
  expected(a: AttackCase): Verdict;
}

const shipped = (a: AttackCase): Verdict => (a.asks ? { ask: a.asks } : { deny: a.why as RegExp });
const MODES: Mode[] = [
  { name: 'shipped definition, default mode', definition: seedDefinition, mode: 'default', expected: shipped },
  { name: 'unrestricted Bash, default mode', definition: freeDefinition, mode: 'default', expected: (a) => a.free ?? shipped(a) },
  { name: 'unrestricted Bash, acceptEdits', definition: freeDefinition, mode: 'acceptEdits', expected: (a) => a.free ?? shipped(a) },
];

describe.each(MODES)('attack corpus: $name', (m) => {
  it.each(ATTACKS.map((a) => [a.category, a.command.length > 120 ? `${a.command.slice(0, 100)}... (${a.command.length} chars)` : a.command, a] as const))(
    '[%s] %s',
    async (_category, _shown, attack) => {
      const asked: string[] = [];
      const gate = createPermissionGate({
        definition: m.definition(),
        cwd: fx.proj,
        home: fx.home,
        mode: m.mode,
        approver: async (_req, d) => (asked.push(d.reason), 'deny'),
      });
      const d = await gate.check({ toolName: 'Bash', toolUseId: 't', input: { command: attack.command }, readOnly: false });
      const want = m.expected(attack);
      expect(d.behavior).toBe('deny');
      if ('ask' in want) {
        expect(asked).toHaveLength(1);
        expect(asked[0]).toMatch(want.ask);
        expect(d.reason).toBe(`the user declined: ${asked[0]}`);
      } else {
        expect(asked).toEqual([]);
        expect(d.reason).toMatch(want.deny);
      }
    },
  );
});
