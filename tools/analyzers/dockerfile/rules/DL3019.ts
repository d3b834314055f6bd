import { hitInRun } from '../rule.js';
import type { Rule } from '../rule.js';
import { allCommands, hasFlag, isCall } from '../lib/commands.js';
import { APK_VALUE_FLAGS, hasCacheOrTmpfsMount, subcommandWord } from '../lib/packages.js';
import { insertAfter } from '../lib/fixes.js';

export const DL3019: Rule = {
  id: 'DL3019',
  severity: 'info',
  description: 'Use `apk add --no-cache` instead of `apk update` plus cache removal.',
  aliases: ['DS-0025', 'AVD-DS-0025'],
  check(ctx) {
    return allCommands(ctx)
      .filter(({ cmd, run }) => isCall(cmd, 'apk', ['add'], APK_VALUE_FLAGS) && !hasFlag(cmd, 'no-cache') && !hasCacheOrTmpfsMount(run, /^\/(var\/cache\/apk|etc\/apk\/cache)\/?$/))
      .map(({ run, cmd }) => hitInRun(run, cmd, 'apk add without --no-cache', { run, word: subcommandWord(cmd, APK_VALUE_FLAGS) }));
  },
  fix: (_ctx, hit) => insertAfter(hit, '--no-cache', 'added --no-cache to apk add'),
};
