import { hitInRun } from '../rule.js';
import type { Rule } from '../rule.js';
import { allCommands, isCall, operands } from '../lib/commands.js';
import { APK_VALUE_FLAGS, isNonRegistrySpec } from '../lib/packages.js';

export const DL3018: Rule = {
  id: 'DL3018',
  severity: 'warning',
  description: 'Pin versions in apk add (`pkg=1.2.3-r0`).',
  aliases: [],
  check(ctx) {
    return allCommands(ctx)
      .filter(({ cmd }) => isCall(cmd, 'apk', ['add'], APK_VALUE_FLAGS))
      .flatMap(({ run, cmd }) => {
        const loose = operands(cmd, APK_VALUE_FLAGS).filter((w) => !/[=<>~]/.test(w.value) && !isNonRegistrySpec(w.value) && !w.value.startsWith('.'));
        return loose.length ? [hitInRun(run, loose[0], `apk add without pinned versions: ${loose.map((w) => w.value).join(', ')}`)] : [];
      });
  },
};
