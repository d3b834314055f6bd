import type { Rule } from '../rule.js';
import { YUM, unpinnedRpm } from '../lib/rpm.js';

export const DL3033: Rule = {
  id: 'DL3033',
  severity: 'warning',
  description: 'Pin versions in yum install (`pkg-1.2.3`).',
  aliases: [],
  check: (ctx) => unpinnedRpm(ctx, YUM, (p) => /-\d/.test(p)),
};
