import { hitInRun } from '../rule.js';
import type { Rule } from '../rule.js';
import { allCommands, flagValue, hasFlag } from '../lib/commands.js';
import { insertAfter } from '../lib/fixes.js';

/** UIDs above this make useradd grow /var/log/lastlog and faillog into huge sparse files. */
const HIGH_UID = 99999;

export const DL3046: Rule = {
  id: 'DL3046',
  severity: 'warning',
  description: '`useradd` with a high UID and without `-l` creates a huge lastlog file in the layer.',
  aliases: [],
  check(ctx) {
    return allCommands(ctx)
      .filter(({ cmd }) => {
        if (cmd.name !== 'useradd' || hasFlag(cmd, 'l', 'no-log-init')) return false;
        const uid = flagValue(cmd, 'u', 'uid');
        return uid !== undefined && /^\d+$/.test(uid) && Number(uid) > HIGH_UID;
      })
      .map(({ run, cmd }) => hitInRun(run, cmd, 'useradd with a high UID without -l (--no-log-init)', { run, word: cmd.nameWord }));
  },
  fix: (_ctx, hit) => insertAfter(hit, '-l', 'added -l to useradd'),
};
