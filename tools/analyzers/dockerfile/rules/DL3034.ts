import type { Rule } from '../rule.js';
import { ZYPPER, missingYes, yesFix } from '../lib/rpm.js';

export const DL3034: Rule = {
  id: 'DL3034',
  severity: 'warning',
  description: 'Use a non-interactive switch with zypper (`zypper install -y`).',
  aliases: [],
  check: (ctx) => missingYes(ctx, ZYPPER, ' (or --non-interactive)'),
  fix: (_ctx, hit) => yesFix(hit, 'zypper'),
};
