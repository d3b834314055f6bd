import { hitAt } from '../rule.js';
import type { Rule, RunShell, ShellCommand } from '../rule.js';
import { flagValue, positionals } from '../lib/commands.js';
import { hasCacheOrTmpfsMount } from '../lib/packages.js';
import { finalLineage } from '../lib/stages.js';

const YARN_VALUE_FLAGS = ['cwd', 'modules-folder', 'cache-folder'];

/** `yarn install`, or plain `yarn` (which installs). */
const isInstall = (c: ShellCommand) => c.name === 'yarn' && ['install', undefined].includes(positionals(c, YARN_VALUE_FLAGS)[0]?.value);
const isCacheClean = (c: ShellCommand) => c.name === 'yarn' && positionals(c, YARN_VALUE_FLAGS)[0]?.value === 'cache' && positionals(c, YARN_VALUE_FLAGS)[1]?.value === 'clean';
const removesYarnCache = (c: ShellCommand) => c.name === 'rm' && c.args.some((a) => /yarn/.test(a.value));

/** A cache or tmpfs mount on yarn's cache: a path naming yarn (`~/.cache/yarn`, `/usr/local/share/.cache/yarn`, `.yarn/cache`) or the `--cache-folder` given. */
function cacheMounted(run: RunShell, installs: ShellCommand[]): boolean {
  const folders = installs.map((c) => flagValue(c, 'cache-folder')).filter((f): f is string => !!f);
  return hasCacheOrTmpfsMount(run, /yarn/, ...folders.map((f) => new RegExp(`^${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\/$/, '')}/?$`)));
}

export const DL3060: Rule = {
  id: 'DL3060',
  severity: 'info',
  description: '`yarn cache clean` missing after `yarn install` in the same RUN.',
  aliases: [],
  check({ model }) {
    // A stage the final image does not build on leaves its cache behind; an ONBUILD trigger runs in whatever image builds on this one.
    const lineage = finalLineage(model);
    return model
      .runs()
      .filter((run) => run.instr.onbuild || !run.instr.stage || lineage.has(run.instr.stage))
      .filter((run) => {
        const cmds = run.analysis.commands;
        const installs = cmds.filter(isInstall);
        if (!installs.length || cacheMounted(run, installs)) return false;
        const last = Math.max(...installs.map((c) => c.start));
        return !cmds.some((c) => c.start > last && (isCacheClean(c) || removesYarnCache(c)));
      })
      .map((run) => hitAt(run.instr, 'yarn install without `yarn cache clean` after it in the same RUN'));
  },
};
