import { hitInRun } from '../rule.js';
import type { Rule } from '../rule.js';
import { allCommands, isCall, operands } from '../lib/commands.js';
import { NPM_VALUE_FLAGS, isNonRegistrySpec } from '../lib/packages.js';

/** `name@version` (scoped names start with `@`). */
function npmPinned(spec: string): boolean {
  const at = spec.lastIndexOf('@');
  return at > 0 && at < spec.length - 1 && !['latest', 'next'].includes(spec.slice(at + 1));
}

/** A git source (`git+https://…`, `git://…`, `github:user/repo`, `user/repo`): pinned only by a `#commit`/`#semver:` ref. */
const GIT_SOURCE = /^(git(\+[a-z]+)?:\/\/|(github|gitlab|bitbucket|gist):|[\w.-]+\/[\w.-]+(#|$))/i;

function fixed(spec: string): boolean {
  if (GIT_SOURCE.test(spec) && !spec.startsWith('.')) return /#./.test(spec);
  // Tarballs, folders, other URLs and variables name exactly what is installed.
  return npmPinned(spec) || isNonRegistrySpec(spec) || /\.tar$/.test(spec) || /^(file:|https?:)/.test(spec);
}

export const DL3016: Rule = {
  id: 'DL3016',
  severity: 'warning',
  description: 'Pin versions in npm install (`pkg@1.2.3`, a git source with `#ref`).',
  aliases: [],
  check(ctx) {
    return allCommands(ctx)
      .filter(({ cmd }) => isCall(cmd, 'npm', ['install', 'i', 'add', 'isntall'], NPM_VALUE_FLAGS))
      .flatMap(({ run, cmd }) => {
        const loose = operands(cmd, NPM_VALUE_FLAGS).filter((w) => !fixed(w.value));
        return loose.length ? [hitInRun(run, loose[0], `npm install without pinned versions: ${loose.map((w) => w.value).join(', ')}`)] : [];
      });
  },
};
