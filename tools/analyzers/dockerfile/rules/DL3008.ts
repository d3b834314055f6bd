import { hitInRun } from '../rule.js';
import type { Rule } from '../rule.js';
import { allCommands } from '../lib/commands.js';
import { aptPackages, isAptGetInstall, isNonRegistrySpec } from '../lib/packages.js';

export const DL3008: Rule = {
  id: 'DL3008',
  severity: 'warning',
  description: 'Pin versions in apt-get install (`pkg=1.2.*`).',
  aliases: [],
  check(ctx) {
    return allCommands(ctx)
      .filter(({ cmd }) => isAptGetInstall(cmd))
      .flatMap(({ run, cmd }) => {
        const loose = aptPackages(cmd).filter((p) => !p.value.includes('=') && !isNonRegistrySpec(p.value));
        return loose.length ? [hitInRun(run, loose[0], `apt-get install without pinned versions: ${loose.map((p) => p.value).join(', ')}`)] : [];
      });
  },
};
