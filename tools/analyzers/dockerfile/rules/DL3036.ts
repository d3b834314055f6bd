import type { Rule, ShellCommand } from '../rule.js';
import { isCall } from '../lib/commands.js';
import { ZYPPER, installsWithoutLaterClean, isInstall, removesDir } from '../lib/rpm.js';

const CACHE_DIR = /^\/var\/cache\/zypp/;

function cleans(c: ShellCommand): boolean {
  return removesDir(c, CACHE_DIR) || isCall(c, 'zypper', ['clean', 'cc'], ZYPPER.valueFlags);
}

export const DL3036: Rule = {
  id: 'DL3036',
  severity: 'warning',
  description: '`zypper clean` missing after zypper install.',
  aliases: ['DS-0020', 'AVD-DS-0020'],
  check: (ctx) => installsWithoutLaterClean(ctx, (c) => isInstall(c, ZYPPER), cleans, CACHE_DIR, 'zypper install without `zypper clean` after it in the same RUN'),
};
