import { hitInRun } from '../rule.js';
import type { Rule } from '../rule.js';
import { allCommands, positionals } from '../lib/commands.js';

export const DL4005: Rule = {
  id: 'DL4005',
  severity: 'warning',
  description: 'Use SHELL to change the default shell instead of replacing /bin/sh.',
  aliases: [],
  check(ctx) {
    return allCommands(ctx)
      .filter(({ cmd }) => cmd.name === 'ln' && positionals(cmd, ['t', 'S']).pop()?.value === '/bin/sh')
      .map(({ run, cmd }) => hitInRun(run, cmd, 'linking /bin/sh: use the SHELL instruction instead'));
  },
};
