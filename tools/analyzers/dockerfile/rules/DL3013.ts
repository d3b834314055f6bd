import { hitInRun } from '../rule.js';
import type { Rule } from '../rule.js';
import { allCommands } from '../lib/commands.js';
import { PIP_VALUE_FLAGS, isNonRegistrySpec, pipInstallArgs } from '../lib/packages.js';
import { positionals } from '../lib/commands.js';

const PINNED = /(==|>=|<=|~=|!=|===|<|>|@)/;

export const DL3013: Rule = {
  id: 'DL3013',
  severity: 'warning',
  description: 'Pin versions in pip install (`pkg==1.2.3`) or install from a requirements/constraints file.',
  aliases: [],
  check(ctx) {
    return allCommands(ctx).flatMap(({ run, cmd }) => {
      const pip = pipInstallArgs(cmd);
      if (!pip) return [];
      const fake = { ...cmd, args: pip.args };
      const loose = positionals(fake, PIP_VALUE_FLAGS).filter((w) => !PINNED.test(w.value) && !isNonRegistrySpec(w.value) && !/\.(txt|cfg|toml)$/.test(w.value));
      const upgradingPip = loose.every((w) => ['pip', 'setuptools', 'wheel'].includes(w.value));
      if (loose.length === 0 || (upgradingPip && pip.args.some((a) => a.value === '-U' || a.value === '--upgrade'))) return [];
      return [hitInRun(run, loose[0], `pip install without pinned versions: ${loose.map((w) => w.value).join(', ')}`)];
    });
  },
};
