import { hitInRun } from '../rule.js';
import type { Rule } from '../rule.js';
import { allCommands, hasFlag } from '../lib/commands.js';

export const DL3047: Rule = {
  id: 'DL3047',
  severity: 'info',
  description: '`wget` without `--progress` (or -q/-nv, or -o/-a to a log file) floods the build log.',
  aliases: [],
  check(ctx) {
    return allCommands(ctx)
      .filter(({ cmd }) => cmd.name === 'wget' && !hasFlag(cmd, 'progress', 'no-progress', 'q', 'quiet', 'no-verbose', 'o', 'output-file', 'a', 'append-output') && !cmd.args.some((a) => a.value === '-nv' || a.value === '-qO-' || a.value === '-O-'))
      .map(({ run, cmd }) => hitInRun(run, cmd, 'wget without --progress=dot:giga, -q or -nv'));
  },
};
