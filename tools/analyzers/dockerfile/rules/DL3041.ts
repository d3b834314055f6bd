import type { Rule } from '../rule.js';
import { DNF, unpinnedRpm } from '../lib/rpm.js';

export const DL3041: Rule = {
  id: 'DL3041',
  severity: 'warning',
  description: 'Pin versions in dnf install (`pkg-1.2.3`).',
  aliases: [],
  check: (ctx) => unpinnedRpm(ctx, DNF, (p) => /-\d/.test(p) || /[<>=]/.test(p)),
};
