import type { RunShell, ShellCommand, ShellWord } from '../rule.js';
import { flagValue, hasFlag, isCall, operands, positionals } from './commands.js';

export const APT_VALUE_FLAGS = ['o', 'c', 't', 'target-release', 'default-release', 'config-file', 'option'];
export const APK_VALUE_FLAGS = ['t', 'virtual', 'X', 'repository', 'p', 'root', 'arch', 'repositories-file', 'keys-dir', 'cache-dir'];
export const YUM_VALUE_FLAGS = ['c', 'd', 'e', 'x', 'exclude', 'enablerepo', 'disablerepo', 'installroot', 'releasever', 'setopt', 'repo', 'repoid', 'config', 'downloaddir', 'destdir', 'forcearch', 'disableplugin', 'enableplugin', 'repofrompath', 'best'];
export const ZYPPER_VALUE_FLAGS = ['r', 'repo', 't', 'type', 'from', 'download', 'root', 'R', 'reposd-dir', 'C', 'cache-dir', 'D'];
export const NPM_VALUE_FLAGS = ['prefix', 'registry', 'cache', 'w', 'workspace', 'tag', 'userconfig', 'loglevel', 'omit', 'include', 'install-strategy', 'C'];
export const GEM_VALUE_FLAGS = ['v', 'version', 'i', 'install-dir', 'n', 'bindir', 'source', 's', 'platform', 'P', 'trust-policy', 'g', 'file', 'build-root'];
export const PIP_VALUE_FLAGS = ['r', 'requirement', 'c', 'constraint', 'e', 'editable', 'i', 'index-url', 'extra-index-url', 'f', 'find-links', 't', 'target', 'prefix', 'root', 'src', 'upgrade-strategy', 'python-version', 'platform', 'implementation', 'abi', 'only-binary', 'no-binary', 'trusted-host', 'cache-dir', 'log', 'proxy', 'timeout', 'retries', 'exists-action', 'cert', 'client-cert', 'progress-bar', 'C', 'config-settings', 'global-option', 'install-option', 'report', 'python', 'root-user-action', 'use-feature', 'use-deprecated', 'keyring-provider'];

export function isAptGetInstall(cmd: ShellCommand): boolean {
  return isCall(cmd, 'apt-get', ['install'], APT_VALUE_FLAGS);
}

export function aptPackages(cmd: ShellCommand): ShellWord[] {
  return operands(cmd, APT_VALUE_FLAGS);
}

/** The subcommand word (`install` in `apt-get -q install x`). */
export function subcommandWord(cmd: ShellCommand, valueFlags: readonly string[]): ShellWord | undefined {
  return positionals(cmd, valueFlags)[0];
}

/** pip's install words (`pip install`, `pip3.11 install`, `python -m pip install`, `uv pip install`), or undefined. */
export function pipInstallArgs(cmd: ShellCommand): { install: ShellWord; args: ShellWord[] } | undefined {
  const args = cmd.args;
  let i = -1;
  if (/^pip(\d+(\.\d+)?)?$/.test(cmd.name)) i = 0;
  else if (/^python(\d+(\.\d+)?)?$/.test(cmd.name)) {
    const m = args.findIndex((a) => a.value === '-m');
    if (m >= 0 && /^pip(\d+(\.\d+)?)?$/.test(args[m + 1]?.value ?? '')) i = m + 2;
  }
  if (i < 0) return undefined;
  while (i < args.length && args[i].value.startsWith('-')) i++;
  if (args[i]?.value !== 'install') return undefined;
  return { install: args[i], args: args.slice(i + 1) };
}

/** A package spec that names a file, URL, path or variable rather than a registry name. */
export function isNonRegistrySpec(spec: string): boolean {
  return /^[./~]/.test(spec) || spec.includes('://') || spec.includes('$') || /^git[+@]/.test(spec) || /\.(deb|rpm|apk|whl|gem|tgz|tar\.gz|zip)$/.test(spec);
}

/** A RUN mounts a cache at one of these directories. */
export function hasCacheMount(run: RunShell, ...targets: RegExp[]): boolean {
  const node = run.instr.node as { getFlags?: () => { getName(): string; getValue(): string | null }[] };
  const flags = node.getFlags?.() ?? [];
  return flags.some((f) => {
    if (f.getName() !== 'mount') return false;
    const v = f.getValue() ?? '';
    if (!/(^|,)type=cache(,|$)/.test(v)) return false;
    const target = /(?:^|,)(?:target|dst|destination)=([^,]+)/.exec(v)?.[1] ?? '';
    return targets.length === 0 || targets.some((t) => t.test(target));
  });
}

/**
 * A RUN mounts a cache or a tmpfs at one of these directories: either way what the command writes there stays out of
 * the layer. With no targets, any cache or tmpfs mount.
 */
export function hasCacheOrTmpfsMount(run: RunShell, ...targets: RegExp[]): boolean {
  return mountTargets(run, /(^|,)type=(cache|tmpfs)(,|$)/).some((target) => targets.length === 0 || targets.some((t) => t.test(target)));
}

/** The targets of a RUN's `--mount` flags whose options match `type`. */
function mountTargets(run: RunShell, type: RegExp): string[] {
  const node = run.instr.node as { getFlags?: () => { getName(): string; getValue(): string | null }[] };
  const out: string[] = [];
  for (const f of node.getFlags?.() ?? []) {
    if (f.getName() !== 'mount') continue;
    const v = f.getValue() ?? '';
    if (type.test(v)) out.push(/(?:^|,)(?:target|dst|destination)=([^,]+)/.exec(v)?.[1] ?? '');
  }
  return out;
}

/** Any RUN flag `--mount=type=cache`. */
export function anyCacheMount(run: RunShell): boolean {
  return hasCacheMount(run);
}

export function hasAnyCommand(run: RunShell, pred: (c: ShellCommand) => boolean): boolean {
  return run.analysis.commands.some(pred);
}

/** apt's quiet level: each `-q`/`--quiet` adds one (`-qq`, `-q -q`), `-q=N`/`--quiet=N` sets it. */
function aptQuietLevel(cmd: ShellCommand): number {
  let level = 0;
  for (const a of cmd.args) {
    const v = a.value;
    if (v === '--') break;
    const set = /^(?:-q|--quiet)=?(\d+)$/.exec(v);
    if (set) level = Number(set[1]);
    else if (v === '--quiet') level++;
    else if (/^-[a-zA-Z]+$/.test(v)) level += v.split('q').length - 1;
  }
  return level;
}

/** `-y`-style answer flags for apt-get (quiet level 2, `-qq` or `-q -q`, implies yes). */
export function aptAssumesYes(cmd: ShellCommand): boolean {
  if (hasFlag(cmd, 'y', 'yes', 'assume-yes')) return true;
  if (aptQuietLevel(cmd) >= 2) return true;
  const opt = flagValue(cmd, 'o');
  return !!opt && /APT::Get::Assume-Yes=(true|1|yes)/i.test(opt);
}
