/**
 * permissions/settings-shape.ts against the zod schema it replaced (kept here as the reference): on generated settings
 * files, the same verdict and, for a file that is wrong, the same first problem (path and message).
 */
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { checkSettingsShape, SETTINGS_MODES } from '../../permissions/settings-shape.js';

const Reference = z
  .object({
    permissions: z
      .object({
        allow: z.array(z.string()).optional(),
        ask: z.array(z.string()).optional(),
        deny: z.array(z.string()).optional(),
        defaultMode: z.enum(SETTINGS_MODES).optional(),
        additionalDirectories: z.array(z.string()).optional(),
        disableBypassPermissionsMode: z.literal('disable').optional(),
      })
      .loose()
      .optional(),
  })
  .loose();

/** A small deterministic generator (the same files every run). */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

const SCALARS: unknown[] = [null, true, false, 0, 1.5, -3, '', 'x', 'disable', 'plan', 'default', 'bypassPermissions', 'Plan', [], {}];
const LISTS: unknown[] = [[], ['Bash(ls:*)'], ['Read', 'Edit(/x/**)'], ['a', 5], [null], ['a', 'b', ['c']], [{}], 'Bash', null, {}, 7];

function generate(random: () => number): unknown {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  const r = random();
  if (r < 0.04) return pick(SCALARS);
  const file: Record<string, unknown> = {};
  if (random() < 0.3) file.hooks = pick([{}, [], 'x', { PreToolUse: [] }]);
  if (random() < 0.9) {
    if (random() < 0.08) file.permissions = pick(SCALARS);
    else {
      const p: Record<string, unknown> = {};
      for (const key of ['allow', 'ask', 'deny', 'additionalDirectories']) if (random() < 0.5) p[key] = pick(LISTS);
      if (random() < 0.5) p.defaultMode = random() < 0.7 ? pick(SETTINGS_MODES) : pick(SCALARS);
      if (random() < 0.3) p.disableBypassPermissionsMode = random() < 0.6 ? 'disable' : pick(SCALARS);
      if (random() < 0.2) p.unknownField = pick(SCALARS);
      file.permissions = p;
    }
  }
  if (random() < 0.2) file.model = 'x';
  return file;
}

describe('the settings shape check: the zod schema it replaced, by hand', () => {
  it('gives zod\'s verdict and first problem on 5,000 generated files (both kinds well represented)', () => {
    const random = rng(22);
    const seen = { ok: 0, bad: 0 };
    for (let i = 0; i < 5000; i++) {
      const json = generate(random);
      const ours = checkSettingsShape(json);
      const ref = Reference.safeParse(json);
      const refView = ref.success ? { ok: true } : { ok: false, path: ref.error.issues[0].path.join('.'), message: ref.error.issues[0].message };
      const ourView = ours.ok ? { ok: true } : { ok: false, path: ours.path, message: ours.message };
      expect(ourView, JSON.stringify(json)).toEqual(refView);
      if (ours.ok) expect(ours.value).toEqual(ref.data);
      seen[ours.ok ? 'ok' : 'bad']++;
    }
    expect(seen.ok).toBeGreaterThan(500);
    expect(seen.bad).toBeGreaterThan(500);
  });

  it.each([
    [[], '', 'Invalid input: expected object, received array'],
    [{ permissions: { allow: ['a', 3] } }, 'permissions.allow.1', 'Invalid input: expected string, received number'],
    [{ permissions: { defaultMode: 'yolo' } }, 'permissions.defaultMode', /expected one of "default"\|"plan"/],
    [{ permissions: { disableBypassPermissionsMode: true } }, 'permissions.disableBypassPermissionsMode', 'Invalid input: expected "disable"'],
  ] as const)('%j: %s', (json, path, message) => {
    const r = checkSettingsShape(json);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.path).toBe(path);
      expect(r.message).toMatch(message);
    }
  });
});
