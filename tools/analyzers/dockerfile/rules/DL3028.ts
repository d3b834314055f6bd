import { hitInRun } from '../rule.js';
import type { Rule } from '../rule.js';
import { allCommands, hasFlag, isCall, operands } from '../lib/commands.js';
import { GEM_VALUE_FLAGS, isNonRegistrySpec } from '../lib/packages.js';

export const DL3028: Rule = {
  id: 'DL3028',
  severity: 'warning',
  description: 'Pin versions in gem install (`gem install name:1.2.3` or `-v`).',
  aliases: [],
  check(ctx) {
    return allCommands(ctx)
      .filter(({ cmd }) => isCall(cmd, 'gem', ['install', 'i'], GEM_VALUE_FLAGS) && !hasFlag(cmd, 'v', 'version'))
      .flatMap(({ run, cmd }) => {
        const loose = operands(cmd, GEM_VALUE_FLAGS).filter((w) => !w.value.includes(':') && !isNonRegistrySpec(w.value));
        return loose.length ? [hitInRun(run, loose[0], `gem install without pinned versions: ${loose.map((w) => w.value).join(', ')}`)] : [];
      });
  },
};
