import type { RuleContext, RunShell } from '../rule.js';
import type { ShellCommand, ShellWord } from '../shell/types.js';

/** Flags normalised as hadolint does: `--foo=bar` -> `foo`, `-xyz` -> `x`, `y`, `z`. Stops at `--`. */
export function flagNames(cmd: ShellCommand): string[] {
  const out: string[] = [];
  for (const a of cmd.args) {
    const v = a.value;
    if (v === '--') break;
    if (v.startsWith('--')) out.push(v.slice(2).split('=')[0]);
    else if (v.startsWith('-') && v.length > 1 && !/^-\d/.test(v)) for (const ch of v.slice(1)) out.push(ch);
  }
  return out;
}

export function hasFlag(cmd: ShellCommand, ...names: string[]): boolean {
  const flags = flagNames(cmd);
  return names.some((n) => flags.includes(n));
}

/** The word after `-x`/`--long`, or the `=value` part. */
export function flagValue(cmd: ShellCommand, ...names: string[]): string | undefined {
  const args = cmd.args;
  for (let i = 0; i < args.length; i++) {
    const v = args[i].value;
    if (v === '--') break;
    for (const n of names) {
      const flag = n.length === 1 ? `-${n}` : `--${n}`;
      if (v === flag) return args[i + 1]?.value;
      if (v.startsWith(`${flag}=`)) return v.slice(flag.length + 1);
      if (n.length === 1 && v.startsWith(flag) && !v.startsWith('--') && v.length > 2) return v.slice(2);
    }
  }
  return undefined;
}

/** Arguments that are not flags, skipping the values of flags that take one (names normalised). */
export function positionals(cmd: ShellCommand, valueFlags: readonly string[] = []): ShellWord[] {
  const out: ShellWord[] = [];
  const args = cmd.args;
  let rest = false;
  for (let i = 0; i < args.length; i++) {
    const v = args[i].value;
    if (rest || v === '-' || !v.startsWith('-')) {
      out.push(args[i]);
      continue;
    }
    if (v === '--') {
      rest = true;
      continue;
    }
    if (v.startsWith('--')) {
      if (!v.includes('=') && valueFlags.includes(v.slice(2))) i++;
      continue;
    }
    const last = v[v.length - 1];
    if (valueFlags.includes(last) && v.length === 2) i++;
  }
  return out;
}

/** `apt-get install ...`: the command name and its first positional. */
export function isCall(cmd: ShellCommand, names: string | readonly string[], subcommands?: readonly string[], valueFlags: readonly string[] = []): boolean {
  const list = typeof names === 'string' ? [names] : names;
  if (!list.includes(cmd.name)) return false;
  if (!subcommands) return true;
  const sub = positionals(cmd, valueFlags)[0]?.value;
  return sub !== undefined && subcommands.includes(sub);
}

/** Positionals after the subcommand (`apt-get install a b` -> `a`, `b`). */
export function operands(cmd: ShellCommand, valueFlags: readonly string[] = []): ShellWord[] {
  return positionals(cmd, valueFlags).slice(1);
}

export interface CommandInRun {
  run: RunShell;
  cmd: ShellCommand;
  index: number;
}

const commandLists = new WeakMap<object, CommandInRun[]>();

/** Every command of every RUN (wrapped commands included), with its RUN; computed once per model. */
export function allCommands(ctx: RuleContext): CommandInRun[] {
  let list = commandLists.get(ctx.model);
  if (!list) {
    list = [];
    for (const run of ctx.model.runs()) {
      const cmds = run.analysis.commands;
      for (let i = 0; i < cmds.length; i++) list.push({ run, cmd: cmds[i], index: i });
    }
    commandLists.set(ctx.model, list);
  }
  return list;
}

/** Commands of one RUN matching a predicate. */
export function commandsIn(run: RunShell, pred: (c: ShellCommand) => boolean): ShellCommand[] {
  return run.analysis.commands.filter(pred);
}

/** Pipelines of a RUN as lists of commands (first command of each stage). */
export function pipelinesOf(run: RunShell): ShellCommand[][] {
  return run.analysis.pipelines.map((p) => p.stages.map((i) => run.analysis.commands[i]));
}

/** The script text of a command (for messages). */
export function commandText(run: RunShell, cmd: ShellCommand): string {
  return run.script.slice(cmd.start, cmd.end).replace(/\\\r?\n\s*/g, '').slice(0, 80);
}

/** An edit that inserts `text` right after a shell word. */
export function insertAfterWord(run: RunShell, w: ShellWord, text: string): { start: number; end: number; text: string } {
  const at = run.toFile(w.end);
  return { start: at, end: at, text };
}
