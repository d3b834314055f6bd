import { hitInRun } from '../rule.js';
import type { Rule } from '../rule.js';
import { allCommands, isCall } from '../lib/commands.js';
import { ZYPPER_VALUE_FLAGS } from '../lib/packages.js';

export const DL3035: Rule = {
  id: 'DL3035',
  severity: 'warning',
  description: 'Do not use `zypper dist-upgrade` in a build.',
  aliases: [],
  check(ctx) {
    return allCommands(ctx)
      .filter(({ cmd }) => isCall(cmd, 'zypper', ['dist-upgrade', 'dup'], ZYPPER_VALUE_FLAGS))
      .map(({ run, cmd }) => hitInRun(run, cmd, 'zypper dist-upgrade in a build: pin a newer base image instead'));
  },
};
