import { hitInRun } from '../rule.js';
import type { Rule } from '../rule.js';
import { allCommands } from '../lib/commands.js';
import { APT_VALUE_FLAGS, aptAssumesYes, isAptGetInstall, subcommandWord } from '../lib/packages.js';
import { insertAfter } from '../lib/fixes.js';

export const DL3014: Rule = {
  id: 'DL3014',
  severity: 'warning',
  description: 'Use `apt-get install -y` so the build never waits for an answer.',
  aliases: ['DS-0021', 'AVD-DS-0021'],
  check(ctx) {
    return allCommands(ctx)
      .filter(({ cmd }) => isAptGetInstall(cmd) && !aptAssumesYes(cmd))
      .map(({ run, cmd }) => hitInRun(run, cmd, 'apt-get install without -y', { run, word: subcommandWord(cmd, APT_VALUE_FLAGS) }));
  },
  fix: (_ctx, hit) => insertAfter(hit, '-y', 'added -y to apt-get install'),
};
