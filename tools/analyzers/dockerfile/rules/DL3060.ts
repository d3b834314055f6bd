import { hitAt } from '../rule.js';
import type { Rule } from '../rule.js';
import { positionals } from '../lib/commands.js';
import { hasCacheMount } from '../lib/packages.js';
import { runs } from '../lib/rpm.js';

export const DL3060: Rule = {
  id: 'DL3060',
  severity: 'info',
  description: '`yarn cache clean` missing after `yarn install` in the same RUN.',
  aliases: [],
  check({ model }) {
    return model
      .runs()
      .filter((run) => run.analysis.commands.some((c) => c.name === 'yarn' && ['install', undefined].includes(positionals(c, ['cwd', 'modules-folder', 'cache-folder'])[0]?.value)))
      .filter((run) => !runs(run, 'yarn', 'cache', 'clean') && !hasCacheMount(run) && !run.analysis.commands.some((c) => c.name === 'rm' && c.args.some((a) => /yarn/.test(a.value))))
      .map((run) => hitAt(run.instr, 'yarn install without `yarn cache clean` in the same RUN'));
  },
};
