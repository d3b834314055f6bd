import type { Rule } from '../rule.js';
import { ZYPPER, missingClean, removes, runs } from '../lib/rpm.js';

export const DL3036: Rule = {
  id: 'DL3036',
  severity: 'warning',
  description: '`zypper clean` missing after zypper install.',
  aliases: ['DS-0020', 'AVD-DS-0020'],
  check: (ctx) => missingClean(ctx, ZYPPER, (run) => runs(run, 'zypper', 'clean') || runs(run, 'zypper', 'cc') || removes(run, /^\/var\/cache\/zypp/), /^\/var\/cache\/zypp/, 'zypper install without `zypper clean` in the same RUN'),
};
