import { hitInRun } from '../rule.js';
import type { Rule, ShellCommand } from '../rule.js';
import { allCommands, hasFlag, isCall, operands } from '../lib/commands.js';
import { GEM_VALUE_FLAGS, isNonRegistrySpec } from '../lib/packages.js';

/** The gem names of `gem install`: words after `--` are build options for the gems' extensions, not gems. */
function gemNames(cmd: ShellCommand) {
  const dash = cmd.args.findIndex((a) => a.value === '--');
  const args = dash < 0 ? cmd.args : cmd.args.slice(0, dash);
  return operands({ ...cmd, args }, GEM_VALUE_FLAGS).filter((w) => {
    // `--some-build-flag true`: a boolean value of a flag gem does not know, not a gem named `true`.
    const prev = args[args.indexOf(w) - 1]?.value ?? '';
    return !(/^--[^=]+$/.test(prev) && /^(true|false|yes|no)$/i.test(w.value));
  });
}

export const DL3028: Rule = {
  id: 'DL3028',
  severity: 'warning',
  description: 'Pin versions in gem install (`gem install name:1.2.3` or `-v`).',
  aliases: [],
  check(ctx) {
    return allCommands(ctx)
      .filter(({ cmd }) => isCall(cmd, 'gem', ['install', 'i'], GEM_VALUE_FLAGS) && !hasFlag(cmd, 'v', 'version'))
      .flatMap(({ run, cmd }) => {
        const loose = gemNames(cmd).filter((w) => !w.value.includes(':') && !isNonRegistrySpec(w.value));
        return loose.length ? [hitInRun(run, loose[0], `gem install without pinned versions: ${loose.map((w) => w.value).join(', ')}`)] : [];
      });
  },
};
