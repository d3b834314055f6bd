import type { Rule, RuleHit, RunShell, ShellCommand } from '../rule.js';
import { hitAt, hitInRun } from '../rule.js';
import { allCommands, flagNames, isCall, operands, positionals } from './commands.js';
import { YUM_VALUE_FLAGS, ZYPPER_VALUE_FLAGS, hasCacheMount, hasCacheOrTmpfsMount, isNonRegistrySpec, subcommandWord } from './packages.js';
import { insertAfter } from './fixes.js';
import type { RuleContext } from '../rule.js';

export interface ManagerSpec {
  names: string[];
  install: string[];
  valueFlags: string[];
  yesFlags: string[];
}

export const YUM: ManagerSpec = { names: ['yum'], install: ['install', 'groupinstall', 'localinstall', 'reinstall'], valueFlags: YUM_VALUE_FLAGS, yesFlags: ['y', 'assumeyes'] };
export const DNF: ManagerSpec = { names: ['dnf', 'microdnf', 'tdnf'], install: ['install', 'groupinstall', 'localinstall', 'reinstall', 'module'], valueFlags: YUM_VALUE_FLAGS, yesFlags: ['y', 'assumeyes'] };
export const ZYPPER: ManagerSpec = {
  names: ['zypper'],
  install: ['install', 'in', 'remove', 'rm', 'source-install', 'si', 'patch', 'update', 'up'],
  valueFlags: ZYPPER_VALUE_FLAGS,
  yesFlags: ['n', 'non-interactive', 'y', 'no-confirm'],
};

export function isInstall(cmd: ShellCommand, spec: ManagerSpec): boolean {
  return isCall(cmd, spec.names, spec.install, spec.valueFlags);
}

/** `yum install` etc. without the non-interactive flag; the fix adds `-y` after the subcommand. */
export function missingYes(ctx: RuleContext, spec: ManagerSpec, label: string): RuleHit[] {
  return allCommands(ctx)
    .filter(({ cmd }) => isInstall(cmd, spec) && !spec.yesFlags.some((f) => flagNames(cmd).includes(f)))
    .map(({ run, cmd }) => hitInRun(run, cmd, `${cmd.name} ${subcommandWord(cmd, spec.valueFlags)?.value} without -y${label}`, { run, word: subcommandWord(cmd, spec.valueFlags) }));
}

export function yesFix(hit: RuleHit, name: string): ReturnType<NonNullable<Rule['fix']>> {
  return insertAfter(hit, '-y', `added -y to ${name}`);
}

/** Installs in a RUN that never cleans the package cache. */
export function missingClean(ctx: RuleContext, spec: ManagerSpec, cleaned: (run: RunShell) => boolean, cacheDir: RegExp, message: string): RuleHit[] {
  return ctx.model
    .runs()
    .filter((run) => run.analysis.commands.some((c) => isInstall(c, spec) && operands(c, spec.valueFlags).length > 0))
    .filter((run) => !cleaned(run) && !hasCacheMount(run, cacheDir))
    .map((run) => hitAt(run.instr, message));
}

export function runs(run: RunShell, name: string | string[], ...args: string[]): boolean {
  const names = typeof name === 'string' ? [name] : name;
  return run.analysis.commands.some((c) => names.includes(c.name) && args.every((a, i) => c.args[i]?.value === a));
}

export function removes(run: RunShell, dir: RegExp): boolean {
  return run.analysis.commands.some((c) => c.name === 'rm' && c.args.some((a) => dir.test(a.value)));
}

/** Unpinned package names (`name-1.2` / `name = 1.2` style pins are accepted). */
export function unpinned(ctx: RuleContext, spec: ManagerSpec, pinned: (pkg: string) => boolean): RuleHit[] {
  return allCommands(ctx)
    .filter(({ cmd }) => isCall(cmd, spec.names, spec.install.filter((s) => s !== 'module'), spec.valueFlags))
    .flatMap(({ run, cmd }) => {
      const loose = operands(cmd, spec.valueFlags).filter((w) => !pinned(w.value) && !isNonRegistrySpec(w.value) && !w.value.startsWith('@'));
      return loose.length ? [hitInRun(run, loose[0], `${cmd.name} install without pinned versions: ${loose.map((w) => w.value).join(', ')}`)] : [];
    });
}

/**
 * RUNs where an install (`installs`) is not followed, later in the same RUN, by a clean (`cleans` sees the install, so
 * a clean can be tied to the same tool): a clean before the install leaves the install's cache in the layer. A cache or
 * tmpfs mount on the cache dir counts as clean.
 */
export function installsWithoutLaterClean(
  ctx: RuleContext,
  installs: (c: ShellCommand) => boolean,
  cleans: (c: ShellCommand, install: ShellCommand) => boolean,
  cacheDir: RegExp,
  message: string,
): RuleHit[] {
  const out: RuleHit[] = [];
  for (const run of ctx.model.runs()) {
    const cmds = run.analysis.commands;
    if (!cmds.some((c) => installs(c) && !cmds.some((d) => d.start > c.start && cleans(d, c)))) continue;
    if (!hasCacheOrTmpfsMount(run, cacheDir)) out.push(hitAt(run.instr, message));
  }
  return out;
}

/** `rm` of a path under `dir`. */
export function removesDir(cmd: ShellCommand, dir: RegExp): boolean {
  return cmd.name === 'rm' && cmd.args.some((a) => dir.test(a.value));
}

/**
 * The variables a RUN's commands can see: ENV of its stage and the stages it builds on (before it), assignments in the
 * RUN, and any ARG declared before it. ARGs are taken file-wide, as hadolint takes them, though Docker scopes an ARG to
 * its stage (one from another stage is empty here): a leniency kept for agreement.
 */
export function visibleVariables(ctx: RuleContext, run: RunShell): Set<string> {
  const out = new Set<string>(run.analysis.assignments.map((a) => a.name));
  for (const c of run.analysis.commands) for (const a of c.assignments) out.add(a.name);
  const lineage = run.instr.stage ? ctx.model.lineage(run.instr.stage) : [];
  const at = (run.instr.onbuild ?? run.instr).start;
  for (const i of ctx.model.instructions) {
    if (i.start >= at) break;
    if (i.keyword === 'ARG' || (i.keyword === 'ENV' && (i.stage === undefined ? run.instr.stage === undefined : lineage.includes(i.stage)))) {
      for (const p of (i.node as unknown as { getProperties(): { getName(): string }[] }).getProperties()) out.add(p.getName());
    }
  }
  return out;
}

/**
 * Unpinned rpm packages (yum/dnf): `name-<version>` pins (a version may be a variable the RUN can see; one it cannot see
 * is empty, so the package is not pinned), and `module install` needs a `name:stream`. Group installs cannot be pinned.
 */
export function unpinnedRpm(ctx: RuleContext, spec: ManagerSpec, pinned: (pkg: string) => boolean): RuleHit[] {
  return allCommands(ctx)
    .filter(({ cmd }) => spec.names.includes(cmd.name))
    .flatMap(({ run, cmd }) => {
      const words = positionals(cmd, spec.valueFlags);
      const sub = words[0]?.value;
      const module = sub === 'module' && words[1]?.value === 'install';
      if (!module && !['install', 'localinstall', 'reinstall'].includes(sub ?? '')) return [];
      const pkgs = words.slice(module ? 2 : 1);
      let vars: Set<string> | undefined;
      const loose = pkgs.filter((w) => {
        const p = w.value;
        if (module) return !p.includes(':') && !p.startsWith('$');
        if (p.startsWith('@')) return false;
        const versionVar = /-\$\{?([A-Za-z_][A-Za-z0-9_]*)(:?[-=])?/.exec(p);
        if (versionVar) return !versionVar[2] && !(vars ??= visibleVariables(ctx, run)).has(versionVar[1]);
        return !pinned(p) && !isNonRegistrySpec(p);
      });
      const what = module ? `${cmd.name} module install without a stream (name:stream)` : `${cmd.name} install without pinned versions`;
      return loose.length ? [hitInRun(run, loose[0], `${what}: ${loose.map((w) => w.value).join(', ')}`)] : [];
    });
}
