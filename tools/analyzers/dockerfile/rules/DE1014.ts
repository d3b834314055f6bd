import { hitInRun } from '../rule.js';
import type { Rule } from '../rule.js';
import { allCommands, isCall } from '../lib/commands.js';
import { APT_VALUE_FLAGS } from '../lib/packages.js';

export const DE1014: Rule = {
  id: 'DE1014',
  severity: 'warning',
  description: '`apt-get dist-upgrade`/`full-upgrade` in a build: pull a newer base image instead.',
  aliases: ['DS-0024', 'AVD-DS-0024'],
  check(ctx) {
    return allCommands(ctx)
      .filter(({ cmd }) => isCall(cmd, ['apt-get', 'apt'], ['dist-upgrade', 'full-upgrade'], APT_VALUE_FLAGS))
      .map(({ run, cmd }) => hitInRun(run, cmd, `${cmd.name} dist-upgrade changes the base distribution unpredictably: use a newer base image tag`));
  },
};
