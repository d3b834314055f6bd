import type { Rule, ShellCommand } from '../rule.js';
import { positionals } from '../lib/commands.js';
import { YUM_VALUE_FLAGS } from '../lib/packages.js';
import { installsWithoutLaterClean, removesDir } from '../lib/rpm.js';

const DNF_TOOLS = ['dnf', 'dnf5', 'microdnf', 'tdnf'];
/** Subcommands that download packages (and metadata) into the cache; `dnf -y install` with no package still fetches metadata. */
const FETCHING = ['install', 'in', 'reinstall', 'rei', 'upgrade', 'up', 'update', 'upgrade-minimal', 'up-min', 'update-minimal', 'groupinstall', 'localinstall', 'distro-sync', 'downgrade'];
/** `dnf module install`, `dnf group install`. */
const NESTED = ['module', 'group', 'groups'];
/** dnf4 keeps its cache in /var/cache/dnf, dnf5 in /var/cache/libdnf5 (~/.cache/libdnf5 for a user), microdnf and yum in /var/cache/yum. */
const CACHE_DIR = /^\/var\/cache\/(dnf|yum|libdnf5)|(^|\/)\.cache\/libdnf5/;

function installs(c: ShellCommand): boolean {
  if (!DNF_TOOLS.includes(c.name)) return false;
  const [sub, nested] = positionals(c, YUM_VALUE_FLAGS);
  return FETCHING.includes(sub?.value ?? '') || (NESTED.includes(sub?.value ?? '') && ['install', 'upgrade', 'update'].includes(nested?.value ?? ''));
}

/** `dnf clean all` by the same tool (dnf and microdnf keep different caches), or removing a cache dir. */
function cleans(c: ShellCommand, install: ShellCommand): boolean {
  if (removesDir(c, CACHE_DIR)) return true;
  if (c.name !== install.name) return false;
  const words = positionals(c, YUM_VALUE_FLAGS).map((w) => w.value);
  return words[0] === 'clean' && words.includes('all');
}

export const DL3040: Rule = {
  id: 'DL3040',
  severity: 'warning',
  description: '`dnf clean all` (or `microdnf clean all`) missing after dnf install.',
  aliases: ['DS-0019', 'AVD-DS-0019', 'DS-0027', 'AVD-DS-0027'],
  check: (ctx) => installsWithoutLaterClean(ctx, installs, cleans, CACHE_DIR, 'dnf install without `dnf clean all` after it in the same RUN'),
};
