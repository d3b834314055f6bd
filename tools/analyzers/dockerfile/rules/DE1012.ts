import { hitInRun } from '../rule.js';
import type { Rule } from '../rule.js';
import { allCommands, hasFlag } from '../lib/commands.js';

export const DE1012: Rule = {
  id: 'DE1012',
  severity: 'warning',
  description: 'A password is set during the build (chpasswd, passwd --stdin, useradd/usermod -p): it stays in the image.',
  aliases: ['CKV2_DOCKER_17'],
  check(ctx) {
    return allCommands(ctx)
      .filter(({ cmd }) => cmd.name === 'chpasswd' || (cmd.name === 'passwd' && hasFlag(cmd, 'stdin')) || ((cmd.name === 'useradd' || cmd.name === 'usermod') && hasFlag(cmd, 'p', 'password')))
      .map(({ run, cmd }) => hitInRun(run, cmd, `${cmd.name} sets a password in the image: use key-based access or set it at run time`));
  },
};
