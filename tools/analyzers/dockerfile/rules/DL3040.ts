import type { Rule } from '../rule.js';
import { DNF, missingClean, removes, runs } from '../lib/rpm.js';

export const DL3040: Rule = {
  id: 'DL3040',
  severity: 'warning',
  description: '`dnf clean all` (or `microdnf clean all`) missing after dnf install.',
  aliases: ['DS-0019', 'AVD-DS-0019', 'DS-0027', 'AVD-DS-0027'],
  check: (ctx) =>
    missingClean(ctx, DNF, (run) => runs(run, ['dnf', 'microdnf', 'tdnf'], 'clean', 'all') || removes(run, /^\/var\/cache\/(dnf|yum)/), /^\/var\/cache\/(dnf|yum)/, 'dnf install without `dnf clean all` in the same RUN'),
};
