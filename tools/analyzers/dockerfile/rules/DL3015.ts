import { hitInRun } from '../rule.js';
import type { Rule, ShellCommand } from '../rule.js';
import { allCommands, flagValue, hasFlag } from '../lib/commands.js';
import { APT_VALUE_FLAGS, isAptGetInstall, subcommandWord } from '../lib/packages.js';
import { insertAfter } from '../lib/fixes.js';

function avoidsRecommends(cmd: ShellCommand): boolean {
  if (hasFlag(cmd, 'no-install-recommends')) return true;
  return cmd.args.some((a, i) => a.value === '-o' && /Install-Recommends=(false|0|no)/i.test(cmd.args[i + 1]?.value ?? '')) || /Install-Recommends=(false|0|no)/i.test(flagValue(cmd, 'option') ?? '');
}

export const DL3015: Rule = {
  id: 'DL3015',
  severity: 'info',
  description: 'Use `apt-get install --no-install-recommends` to avoid extra packages.',
  aliases: ['DS-0029', 'AVD-DS-0029'],
  check(ctx) {
    return allCommands(ctx)
      .filter(({ cmd }) => isAptGetInstall(cmd) && !avoidsRecommends(cmd))
      .map(({ run, cmd }) => hitInRun(run, cmd, 'apt-get install without --no-install-recommends', { run, word: subcommandWord(cmd, APT_VALUE_FLAGS) }));
  },
  fix: (_ctx, hit) => insertAfter(hit, '--no-install-recommends', 'added --no-install-recommends'),
};
