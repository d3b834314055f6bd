import { hitInRun } from '../rule.js';
import type { Rule, ShellCommand, ShellWord } from '../rule.js';
import { allCommands, hasFlag, isCall, operands } from '../lib/commands.js';
import { PIP_VALUE_FLAGS, isNonRegistrySpec, pipInstallArgs } from '../lib/packages.js';
import { positionals } from '../lib/commands.js';

const PINNED = /(==|>=|<=|~=|!=|===|<|>|@)/;
/** pip's version-control schemes (`git+https://…`, `hg+ssh://…`, `svn://…`). */
const VCS = /^(git|hg|svn|bzr)(\+[a-z-]+)?:\/\//i;
const PIPX_VALUE_FLAGS = ['python', 'suffix', 'index-url', 'pip-args', 'backend'];

/** A VCS requirement names a ref (`…/repo.git@v1.2#egg=x`); an `@` in `user@host` does not count. */
function vcsPinned(spec: string): boolean {
  const rest = spec.replace(VCS, '').split('#')[0];
  const slash = rest.indexOf('/');
  return slash >= 0 && /@[^@/]+$/.test(rest.slice(slash));
}

/** A requirement that needs no pin: a version specifier, a path, an archive or URL, a variable. */
function fixed(spec: string): boolean {
  if (VCS.test(spec)) return vcsPinned(spec);
  return PINNED.test(spec) || isNonRegistrySpec(spec) || spec.includes('/') || /\.(txt|cfg|toml)$/.test(spec);
}

/** The requirement words of `pip install …` or `pipx install …`, or undefined for other commands. */
function requirements(cmd: ShellCommand): { args: ShellWord[]; words: ShellWord[] } | undefined {
  const pip = pipInstallArgs(cmd);
  if (pip) return { args: pip.args, words: positionals({ ...cmd, args: pip.args }, PIP_VALUE_FLAGS) };
  if (isCall(cmd, 'pipx', ['install'], PIPX_VALUE_FLAGS)) return { args: cmd.args, words: operands(cmd, PIPX_VALUE_FLAGS) };
  return undefined;
}

export const DL3013: Rule = {
  id: 'DL3013',
  severity: 'warning',
  description: 'Pin versions in pip install (`pkg==1.2.3`) or install from a requirements/constraints file.',
  aliases: [],
  check(ctx) {
    return allCommands(ctx).flatMap(({ run, cmd }) => {
      const req = requirements(cmd);
      // A constraints file (`-c`/`--constraint`, a path or URL) pins what the named packages resolve to.
      if (!req || hasFlag({ ...cmd, args: req.args }, 'c', 'constraint')) return [];
      const loose = req.words.filter((w) => !fixed(w.value));
      const upgradingPip = loose.every((w) => ['pip', 'setuptools', 'wheel'].includes(w.value));
      if (loose.length === 0 || (upgradingPip && req.args.some((a) => a.value === '-U' || a.value === '--upgrade'))) return [];
      return [hitInRun(run, loose[0], `${cmd.name === 'pipx' ? 'pipx' : 'pip'} install without pinned versions: ${loose.map((w) => w.value).join(', ')}`)];
    });
  },
};
