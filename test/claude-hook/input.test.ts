/**
 * cli/claude-hook/input.ts against the zod schemas it replaced (kept here as the reference): on generated hook inputs,
 * the same verdict and, for an input that is wrong, the same first problem (field and message).
 */
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { HookInputError, parseHookInput, PostToolUseInput, PreToolUseInput } from '../../cli/claude-hook/input.js';

const ToolCall = z
  .object({
    session_id: z.string().optional(),
    cwd: z.string().min(1),
    permission_mode: z.string().optional(),
    agent_type: z.string().min(1).optional(),
    tool_name: z.string().min(1),
    tool_input: z.record(z.string(), z.unknown()),
    tool_use_id: z.string().optional(),
  })
  .loose();
const Reference = {
  PreToolUse: ToolCall.extend({ hook_event_name: z.literal('PreToolUse') }).loose(),
  PostToolUse: ToolCall.extend({ hook_event_name: z.literal('PostToolUse'), tool_response: z.unknown().optional() }).loose(),
};

function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

const ANY: unknown[] = [null, true, 0, -1.5, '', 'x', 'docker-expert', [], ['a'], {}, { command: 'docker ps' }];
const FIELDS: Record<string, unknown[]> = {
  session_id: ['s1', ...ANY],
  cwd: ['/proj', '/proj', ...ANY],
  permission_mode: ['default', 'plan', ...ANY],
  agent_type: ['docker-expert', 'plugin:docker-expert', ...ANY],
  tool_name: ['Bash', 'Read', ...ANY],
  tool_input: [{ command: 'docker ps' }, { file_path: '/proj/x' }, {}, ...ANY],
  tool_use_id: ['toolu_1', ...ANY],
  hook_event_name: ['PreToolUse', 'PostToolUse', 'PreToolUse', 'PostToolUse', 'Stop', ...ANY],
  tool_response: [{}, 'ok', ...ANY],
  future_field: [1, 'x'],
};

function generate(random: () => number, event: string): unknown {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  if (random() < 0.04) return pick(ANY);
  const input: Record<string, unknown> = {};
  for (const [field, values] of Object.entries(FIELDS)) {
    // Valid values most of the time, so that later fields get judged too.
    if (random() < 0.85) input[field] = random() < 0.8 ? (field === 'hook_event_name' ? event : values[0]) : pick(values);
  }
  return input;
}

describe('the hook input check: the zod schemas it replaced, by hand', () => {
  for (const [event, schema] of [['PreToolUse', PreToolUseInput], ['PostToolUse', PostToolUseInput]] as const) {
    it(`${event}: zod's verdict and first problem on 5,000 generated inputs (both kinds well represented)`, () => {
      const random = rng(event.length);
      const seen = { ok: 0, bad: 0 };
      for (let i = 0; i < 5000; i++) {
        const json = generate(random, event);
        const text = JSON.stringify(json);
        const ref = Reference[event].safeParse(json);
        let ours: unknown;
        try {
          ours = { ok: true, value: parseHookInput(schema as typeof PreToolUseInput, text) };
          seen.ok++;
        } catch (err) {
          expect(err).toBeInstanceOf(HookInputError);
          ours = { ok: false, message: (err as Error).message };
          seen.bad++;
        }
        const issue = ref.success ? undefined : ref.error.issues[0];
        const refView = ref.success ? { ok: true, value: ref.data } : { ok: false, message: `the hook input on stdin is not a ${event} input: ${issue!.path.join('.') || '(top level)'}: ${issue!.message}` };
        expect(ours, text).toEqual(refView);
      }
      expect(seen.ok).toBeGreaterThan(500);
      expect(seen.bad).toBeGreaterThan(500);
    });
  }
});
