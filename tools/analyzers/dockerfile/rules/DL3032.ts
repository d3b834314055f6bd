import type { Rule } from '../rule.js';
import { YUM, missingClean, removes, runs } from '../lib/rpm.js';

export const DL3032: Rule = {
  id: 'DL3032',
  severity: 'warning',
  description: '`yum clean all` missing after yum install.',
  aliases: ['DS-0015', 'AVD-DS-0015'],
  check: (ctx) => missingClean(ctx, YUM, (run) => runs(run, 'yum', 'clean', 'all') || removes(run, /^\/var\/cache\/yum/), /^\/var\/cache\/yum/, 'yum install without `yum clean all` in the same RUN'),
};
