import { hitInRun } from '../rule.js';
import type { Rule } from '../rule.js';
import { allCommands, positionals } from '../lib/commands.js';
import { APT_VALUE_FLAGS } from '../lib/packages.js';
import { replaceWord } from '../lib/fixes.js';

/** apt subcommands apt-get has with the same meaning. */
const APT_GET_SUBCOMMANDS = new Set(['install', 'update', 'upgrade', 'dist-upgrade', 'remove', 'purge', 'autoremove', 'clean', 'autoclean', 'source', 'build-dep', 'download', 'check']);

export const DL3027: Rule = {
  id: 'DL3027',
  severity: 'warning',
  description: 'Do not use `apt` in scripts (its interface is not stable): use apt-get or apt-cache.',
  aliases: ['CKV_DOCKER_9'],
  check(ctx) {
    return allCommands(ctx)
      .filter(({ cmd }) => cmd.name === 'apt')
      .map(({ run, cmd }) => {
        const sub = positionals(cmd, APT_VALUE_FLAGS)[0]?.value ?? '';
        return hitInRun(run, cmd, `apt ${sub}: use apt-get${APT_GET_SUBCOMMANDS.has(sub) ? '' : ' or apt-cache'}`, APT_GET_SUBCOMMANDS.has(sub) && cmd.nameWord.value === 'apt' ? { run, word: cmd.nameWord } : undefined);
      });
  },
  fix: (_ctx, hit) => replaceWord(hit, 'apt-get', 'apt -> apt-get'),
};
