import { hitInRun } from '../rule.js';
import type { Rule } from '../rule.js';
import { allCommands, isCall, operands } from '../lib/commands.js';
import { NPM_VALUE_FLAGS, isNonRegistrySpec } from '../lib/packages.js';

/** `name@version` (scoped names start with `@`). */
function npmPinned(spec: string): boolean {
  const at = spec.lastIndexOf('@');
  return at > 0 && at < spec.length - 1 && !['latest', 'next'].includes(spec.slice(at + 1));
}

export const DL3016: Rule = {
  id: 'DL3016',
  severity: 'warning',
  description: 'Pin versions in npm install (`pkg@1.2.3`).',
  aliases: [],
  check(ctx) {
    return allCommands(ctx)
      .filter(({ cmd }) => isCall(cmd, 'npm', ['install', 'i', 'add', 'isntall'], NPM_VALUE_FLAGS))
      .flatMap(({ run, cmd }) => {
        const loose = operands(cmd, NPM_VALUE_FLAGS).filter((w) => !npmPinned(w.value) && !isNonRegistrySpec(w.value) && !/^(github:|gitlab:|bitbucket:|file:|https?:)/.test(w.value) && !/^[\w.-]+\/[\w.-]+(#.*)?$/.test(w.value));
        return loose.length ? [hitInRun(run, loose[0], `npm install without pinned versions: ${loose.map((w) => w.value).join(', ')}`)] : [];
      });
  },
};
