import type { Rule } from '../rule.js';
import { YUM, missingYes, yesFix } from '../lib/rpm.js';

export const DL3030: Rule = {
  id: 'DL3030',
  severity: 'warning',
  description: 'Use `yum install -y` so the build never waits for an answer.',
  aliases: [],
  check: (ctx) => missingYes(ctx, YUM, ''),
  fix: (_ctx, hit) => yesFix(hit, 'yum'),
};
