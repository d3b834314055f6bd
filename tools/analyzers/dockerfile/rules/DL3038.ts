import type { Rule } from '../rule.js';
import { DNF, missingYes, yesFix } from '../lib/rpm.js';

export const DL3038: Rule = {
  id: 'DL3038',
  severity: 'warning',
  description: 'Use `dnf install -y` so the build never waits for an answer.',
  aliases: [],
  check: (ctx) => missingYes(ctx, DNF, ''),
  fix: (_ctx, hit) => yesFix(hit, 'dnf'),
};
