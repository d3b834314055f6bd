import type { Rule, ShellCommand } from '../rule.js';
import { isCall, positionals } from '../lib/commands.js';
import { YUM, installsWithoutLaterClean, isInstall, removesDir } from '../lib/rpm.js';

const CACHE_DIR = /^\/var\/cache\/yum/;

function cleans(c: ShellCommand): boolean {
  return removesDir(c, CACHE_DIR) || (isCall(c, 'yum', ['clean'], YUM.valueFlags) && positionals(c, YUM.valueFlags).some((w) => w.value === 'all'));
}

export const DL3032: Rule = {
  id: 'DL3032',
  severity: 'warning',
  description: '`yum clean all` missing after yum install.',
  aliases: ['DS-0015', 'AVD-DS-0015'],
  check: (ctx) => installsWithoutLaterClean(ctx, (c) => isInstall(c, YUM), cleans, CACHE_DIR, 'yum install without `yum clean all` after it in the same RUN'),
};
